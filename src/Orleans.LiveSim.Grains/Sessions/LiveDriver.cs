using Microsoft.Extensions.Logging;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Grains.Feeds;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// Drives a live session: while active its inbox is registered on its own silo (<see cref="LocalFeedSessions"/>), whose
/// fan-out hands it each batch, and its registry shard knows which silo that is. The batch is applied once, in
/// seq order, and a hole is never stepped over but backfilled from the journal first, so a batch that arrives twice
/// (a move between silos) or not at all (a silo that died) changes nothing.
/// </summary>
public sealed partial class LiveDriver(
    string sessionId,
    string feedId,
    int fanoutShards,
    int persistEveryTicks,
    SessionRunner runner,
    IGrainFactory grains,
    IFeedJournal journal,
    int journalReadBatch,
    LocalFeedSessions local,
    IFeedSink inbox,
    SiloAddress silo,
    ILogger logger) : ISessionDriver
{
    public int Shard { get; } = FeedKeys.ShardOf(sessionId, fanoutShards);

    public int PersistEveryTicks => persistEveryTicks;

    private IFeedShardGrain ShardGrain => grains.GetGrain<IFeedShardGrain>(FeedKeys.Shard(feedId, Shard));

    public Task StartAsync()
    {
        local.Add(feedId, sessionId, inbox);
        return ShardGrain.AttachAsync(sessionId, silo);
    }

    public Task StopAsync()
    {
        local.Remove(feedId, sessionId);
        return ShardGrain.UnsubscribeAsync(sessionId);
    }

    /// <summary>
    /// The activation ends while the session runs (idle, a move): its registry shard wakes it again. When the silo shuts
    /// down the shard is not told: membership tells every registry shard that the silo is stopping and they wake its
    /// sessions elsewhere, while a call from a stopping silo would only fail and be logged, once per session.
    /// </summary>
    public void Detach(bool siloStopping)
    {
        local.Remove(feedId, sessionId);
        if (!siloStopping)
        {
            ShardGrain.DetachAsync(sessionId, silo).Ignore();
        }
    }

    /// <summary>Applies the entries of <paramref name="batch"/> not applied yet; returns how many entries were applied.</summary>
    public async ValueTask<long> ApplyAsync(FeedBatch batch)
    {
        var before = runner.LastSeq;
        if (batch.LastSeq <= before)
        {
            return 0;
        }

        // An index loop: a foreach over the interface would allocate an enumerator per session per batch.
        var ticks = batch.Ticks;
        for (var i = 0; i < ticks.Count; i++)
        {
            var tick = ticks[i];
            // Batches are contiguous, but a hole must never be stepped over: fill it from the journal first.
            if (tick.Seq > runner.LastSeq + 1)
            {
                await BackfillAsync(tick.Seq - 1);
            }

            // bus_lag: the rest stays in the journal and is backfilled once the bus has caught up.
            if (runner.Held)
            {
                break;
            }

            runner.Apply(tick);
        }

        return runner.LastSeq - before;
    }

    /// <summary>Applies what the journal holds beyond the last applied seq; returns how many entries were applied.</summary>
    public async Task<long> BackfillToJournalEndAsync()
    {
        var before = runner.LastSeq;
        var last = await journal.GetLastSeqAsync(feedId);
        if (last > before)
        {
            await BackfillAsync(last);
        }

        return runner.LastSeq - before;
    }

    private async Task BackfillAsync(long toSeq)
    {
        while (runner.LastSeq < toSeq && !runner.Held)
        {
            var from = runner.LastSeq + 1;
            var ticks = await journal.ReadAsync(feedId, from, toSeq, journalReadBatch);
            if (ticks.Count == 0)
            {
                LogJournalHole(logger, sessionId, from, toSeq);
                return;
            }

            foreach (var tick in ticks.TakeWhile(_ => !runner.Held))
            {
                runner.Apply(tick);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: journal has no entries {FromSeq}..{ToSeq}; they are lost to this session")]
    private static partial void LogJournalHole(ILogger logger, string sessionId, long fromSeq, long toSeq);
}
