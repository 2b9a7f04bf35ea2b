using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Grains.Hosting;

namespace Orleans.LiveSim.Grains.Feeds;

/// <summary>
/// A feed's fan-out on one silo: receives each batch from the feed's router (the one network hop per silo) and hands it
/// to the feed's sessions active on this silo (<see cref="LocalFeedSessions"/>), through their
/// inboxes (<see cref="IFeedSink"/>): in process, without a call per session, so one turn serves 100,000 sessions in a
/// few tens of milliseconds while the silo's cores already run the first ones (docs/adr/0001). With
/// <c>LiveSim:FanoutBatchMs</c> it gathers consecutive batches first.
/// </summary>
[SiloKeyPlacement]
public sealed partial class FeedHubGrain(
    LocalFeedSessions local,
    ILocalSiloDetails silo,
    IOptions<LiveSimOptions> options,
    LiveSimMetrics metrics,
    TimeProvider time,
    ILogger<FeedHubGrain> logger) : Grain, IFeedHubGrain
{
    private readonly List<FeedTick> _pending = [];
    private string _feedId = "";
    private bool _home;
    private IGrainTimer? _flushTimer;
    private long _batches;
    private long _calls;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (named, feedId) = FeedKeys.ParseHub(this.GetPrimaryKeyString());
        (_feedId, _home) = (feedId, named.Equals(silo.SiloAddress));
        if (!_home)
        {
            // Placed here because its silo was not a placement candidate: it is gone (its sessions re-register wherever
            // they activate again), or this silo has not learned of it yet. Delivers nothing and goes away at once, so the
            // next batch places it again, on its silo once that is known.
            LogNotHome(logger, this.GetPrimaryKeyString(), silo.SiloAddress);
            DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }

    public Task DeliverAsync(FeedBatch batch)
    {
        _batches++;
        if (batch.ReceivedAt is { } receivedAt)
        {
            metrics.FanoutDelay.Record((time.GetUtcNow() - receivedAt).TotalSeconds);
        }

        if (!_home)
        {
            return Task.CompletedTask;
        }

        var period = options.Value.FanoutBatchMs;
        if (period <= 0)
        {
            Fanout(batch);
            return Task.CompletedTask;
        }

        // A gathered batch stays contiguous: anything else goes out first (sessions backfill what never arrived).
        if (_pending.Count > 0 && batch.FirstSeq != _pending[^1].Seq + 1)
        {
            Flush();
        }

        _pending.AddRange(batch.Ticks);
        _flushTimer ??= this.RegisterGrainTimer(
            () =>
            {
                Flush();
                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(TimeSpan.FromMilliseconds(period), TimeSpan.FromMilliseconds(period)));
        return Task.CompletedTask;
    }

    public Task<FeedHubStats> StatsAsync() =>
        Task.FromResult(new FeedHubStats(silo.SiloAddress, _home, _batches, _calls, local.Ids(_feedId)));

    private void Flush()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        Fanout(new FeedBatch(_feedId, _pending.ToArray()));
        _pending.Clear();
    }

    // Published once; each session gets only its position (see FeedBatchRing).
    private void Fanout(FeedBatch batch) => _calls += local.Post(_feedId, batch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fan-out {Key} activated on {Silo}, not on the silo it names (gone, or not known here yet): it delivers nothing and deactivates")]
    private static partial void LogNotHome(ILogger logger, string key, SiloAddress silo);
}
