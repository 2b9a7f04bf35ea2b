using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Grains.Hosting;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Orleans.LiveSim.Grains.Feeds;

/// <summary>
/// The feed stream's one consumer (implicit subscription: nothing to store, reactivated by the next publish
/// after any restart). Forwards each batch to the feed's shards with one-way calls.
/// </summary>
[ImplicitStreamSubscription(LiveSimConstants.FeedStreamNamespace)]
public sealed class FeedRouterGrain(IOptions<LiveSimOptions> options) : Grain, IFeedRouterGrain, IStreamSubscriptionObserver
{
    private IFeedShardGrain[] _shards = [];

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
        foreach (var shard in _shards)
        {
            shard.DeliverAsync(batch).Ignore();
        }

        return Task.CompletedTask;
    }
}
