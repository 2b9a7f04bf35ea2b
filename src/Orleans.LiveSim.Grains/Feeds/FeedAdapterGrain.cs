using Microsoft.Extensions.Logging;
using Orleans.LiveSim.Abstractions;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Feeds.Sources;
using Orleans.LiveSim.Grains.Hosting;
using Orleans.Streams;

namespace Orleans.LiveSim.Grains.Feeds;

/// <summary>
/// Runs one feed's source from a grain timer: drains it, assigns the next seqs, appends to the journal and
/// only then publishes, so anything a session ever receives can be read back from the journal.
/// </summary>
public sealed partial class FeedAdapterGrain(
    FeedSourceFactory sources,
    IFeedJournal journal,
    TimeProvider time,
    LiveSimMetrics metrics,
    ILogger<FeedAdapterGrain> logger) : Grain, IFeedAdapterGrain
{
    private readonly List<FeedTick> _drained = [];
    private IFeedSource? _source;
    private IAsyncStream<FeedBatch>? _stream;
    private IGrainTimer? _timer;
    private long _lastSeq;
    private FeedTick? _lastTick;

    private string FeedId => this.GetPrimaryKeyString();

    public async Task EnsureRunningAsync()
    {
        if (_source is not null)
        {
            return;
        }

        var definition = sources.Find(FeedId) ?? throw new KeyNotFoundException($"Feed '{FeedId}' is not configured.");
        _lastSeq = await journal.GetLastSeqAsync(FeedId);
        _lastTick = _lastSeq == 0 ? null : (await journal.ReadAsync(FeedId, _lastSeq, _lastSeq, 1)).FirstOrDefault();
        _source = sources.Create(FeedId, definition, _lastTick, time.GetUtcNow());
        await _source.StartAsync(CancellationToken.None);
        _stream = this.GetStreamProvider(LiveSimConstants.StreamProvider).GetStream<FeedBatch>(FeedKeys.Stream(FeedId));
        // The synthetic game ticks on a schedule; pushed sources are drained often to keep latency low.
        var period = TimeSpan.FromMilliseconds(definition.Provider == ProviderKind.Synthetic ? Math.Clamp(definition.TickIntervalMs / 2, 5, 250) : 50);
        _timer = this.RegisterGrainTimer(PumpAsync, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
        LogStarted(logger, FeedId, _source.Provider, _lastSeq);
    }

    public Task<FeedView> GetViewAsync()
    {
        return Task.FromResult(new FeedView(
            FeedId,
            _source?.Provider ?? sources.Find(FeedId)?.Provider,
            _source?.State ?? FeedConnectionState.Disconnected,
            _source is not null,
            _lastSeq,
            _lastTick?.ReceivedAt,
            _lastTick?.GameId,
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
        _drained.Clear();
        _source!.Drain(time.GetUtcNow(), _drained);
        if (_drained.Count == 0)
        {
            return;
        }

        var batch = new FeedTick[_drained.Count];
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = _drained[i] with { Seq = _lastSeq + 1 + i };
        }

        // Journal first: a published seq must always be readable for backfill and replay.
        try
        {
            await journal.AppendAsync(FeedId, batch, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            // The journal moved on without this activation (another one wrote these seqs) or is unreachable: start
            // again from what the journal holds rather than publish anything it does not.
            LogAppendFailed(logger, ex, FeedId, batch[0].Seq);
            _timer?.Dispose();
            DeactivateOnIdle();
            return;
        }

        _lastSeq += batch.Length;
        _lastTick = batch[^1];
        await _stream!.OnNextAsync(new FeedBatch(FeedId, batch));
        metrics.FeedEntries.Add(batch.Length);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Feed {FeedId}: journal append from seq {Seq} failed; restarting the feed from the journal")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, string feedId, long seq);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {FeedId} started ({Provider}), journal at seq {LastSeq}")]
    private static partial void LogStarted(ILogger logger, string feedId, ProviderKind provider, long lastSeq);
}
