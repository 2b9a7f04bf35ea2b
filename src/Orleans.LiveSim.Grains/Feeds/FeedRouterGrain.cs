using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Grains.Hosting;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Orleans.LiveSim.Grains.Feeds;

/// <summary>
/// The feed stream's one consumer (implicit subscription: nothing to store, reactivated by the next publish after any
/// restart). Sends each batch once to every active silo, to that silo's fan-out entry (<see cref="FeedHubGrain"/>,
/// shard 0), with a one-way call: one network message per silo and batch, whatever the number of sessions. After a
/// membership change, and every few seconds, it also calls the feed's registry shards so that a shard lost with a silo
/// activates again and wakes its sessions.
/// </summary>
[ImplicitStreamSubscription(LiveSimConstants.FeedStreamNamespace)]
public sealed class FeedRouterGrain(
    IOptions<LiveSimOptions> options,
    IClusterMembershipService membership,
    TimeProvider time) : Grain, IFeedRouterGrain, IStreamSubscriptionObserver
{
    /// <summary>How often the registry shards are called without a membership change (16 calls a feed each time).</summary>
    private static readonly TimeSpan KeepShardsEvery = TimeSpan.FromSeconds(5);

    private IFeedShardGrain[] _shards = [];
    private IFeedHubGrain[] _silos = [];
    private MembershipVersion _version = MembershipVersion.MinValue;
    private long _shardsKept;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var feedId = this.GetPrimaryKeyString();
        _shards = Enumerable.Range(0, options.Value.FanoutShards)
            .Select(i => GrainFactory.GetGrain<IFeedShardGrain>(FeedKeys.Shard(feedId, i)))
            .ToArray();
        return Task.CompletedTask;
    }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<FeedBatch>().ResumeAsync(OnBatchAsync);

    private Task OnBatchAsync(FeedBatch batch, StreamSequenceToken? token)
    {
        var snapshot = membership.CurrentSnapshot;
        if (snapshot.Version != _version)
        {
            var feedId = this.GetPrimaryKeyString();
            _version = snapshot.Version;
            _silos = snapshot.Members.Values
                .Where(m => m.Status == SiloStatus.Active)
                .Select(m => GrainFactory.GetGrain<IFeedHubGrain>(FeedKeys.Hub(m.SiloAddress, feedId)))
                .ToArray();
            KeepShards();
        }
        else if (time.GetElapsedTime(_shardsKept) >= KeepShardsEvery)
        {
            KeepShards();
        }

        foreach (var silo in _silos)
        {
            silo.DeliverAsync(batch).Ignore();
        }

        return Task.CompletedTask;
    }

    private void KeepShards()
    {
        _shardsKept = time.GetTimestamp();
        foreach (var shard in _shards)
        {
            shard.KeepAsync().Ignore();
        }
    }
}
