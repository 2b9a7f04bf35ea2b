using Microsoft.Extensions.Logging;
using Orleans.LiveSim.Abstractions;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Feeds.Sources;
using Orleans.LiveSim.Grains.Hosting;
using Orleans.Streams;

namespace Orleans.LiveSim.Grains.Feeds;

/// <summary>
/// Runs one feed's source through its <see cref="FeedPump"/> (drain, number, journal, then publish, so anything a
/// session ever receives can be read back from the journal). Drains happen in the turns of one grain timer that is
/// re-armed after each drain: for the next scheduled entry's due time, or at once when a pushed source rings.
/// </summary>
public sealed partial class FeedAdapterGrain(
    FeedSourceFactory sources,
    IFeedJournal journal,
    TimeProvider time,
    LiveSimMetrics metrics,
    ILogger<FeedAdapterGrain> logger) : Grain, IFeedAdapterGrain
{
    // A pushed source that stays silent is still drained this often, so its integrity checks (stale feed) stay current.
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(1);
    private IFeedSource? _source;
    private FeedPump? _pump;
    private IAsyncStream<FeedBatch>? _stream;
    private IGrainTimer? _timer;

    private string FeedId => this.GetPrimaryKeyString();

    public async Task EnsureRunningAsync()
    {
        if (_source is not null)
        {
            return;
        }

        var definition = sources.Find(FeedId) ?? throw new KeyNotFoundException($"Feed '{FeedId}' is not configured.");
        var lastSeq = await journal.GetLastSeqAsync(FeedId);
        var lastTick = lastSeq == 0 ? null : (await journal.ReadAsync(FeedId, lastSeq, lastSeq, 1)).FirstOrDefault();
        _source = sources.Create(FeedId, definition, lastTick, time.GetUtcNow());
        _pump = new FeedPump(FeedId, _source, journal, time, lastTick, Heartbeat);
        _stream = this.GetStreamProvider(LiveSimConstants.StreamProvider).GetStream<FeedBatch>(FeedKeys.Stream(FeedId));
        var timer = this.RegisterGrainTimer(PumpAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Heartbeat) { KeepAlive = true });
        _timer = timer;

        // The source rings on its own thread: hop onto this activation's scheduler and only re-arm the timer there.
        // The drain itself runs in the timer's turn, which Orleans never interleaves with this grain's calls.
        var scheduler = GrainContext.Scheduler;
        Action drainNow = () => timer.Change(TimeSpan.Zero, Heartbeat);
        _pump.Connect(() => scheduler.QueueAction(drainNow));
        await _source.StartAsync(CancellationToken.None);
        LogStarted(logger, FeedId, _source.Provider, lastSeq);
    }

    public Task<FeedView> GetViewAsync()
    {
        return Task.FromResult(new FeedView(
            FeedId,
            _source?.Provider ?? sources.Find(FeedId)?.Provider,
            _source?.State ?? FeedConnectionState.Disconnected,
            _source is not null,
            _pump?.LastSeq ?? 0,
            _pump?.LastTick?.ReceivedAt,
            _pump?.LastTick?.GameId,
            _source?.Counters ?? FeedCounters.Empty));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        if (_source is not null)
        {
            await _source.DisposeAsync();
        }
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            var batch = await _pump!.PumpAsync(b => _stream!.OnNextAsync(b), cancellationToken);
            if (batch is not null)
            {
                metrics.FeedEntries.Add(batch.Ticks.Count);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            // The journal moved on without this activation (another one wrote these seqs) or is unreachable: start
            // again from what the journal holds rather than publish anything it does not.
            LogAppendFailed(logger, ex, FeedId, _pump!.LastSeq + 1);
            _timer?.Dispose();
            DeactivateOnIdle();
            return;
        }

        // Called inside the timer's own turn, so Orleans applies it when the turn ends.
        _timer!.Change(_pump.NextDrainIn(), Heartbeat);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Feed {FeedId}: journal append from seq {Seq} failed; restarting the feed from the journal")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, string feedId, long seq);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {FeedId} started ({Provider}), journal at seq {LastSeq}")]
    private static partial void LogStarted(ILogger logger, string feedId, ProviderKind provider, long lastSeq);
}
