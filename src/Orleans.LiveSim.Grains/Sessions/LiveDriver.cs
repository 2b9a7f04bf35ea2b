using Microsoft.Extensions.Logging;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Feeds.Journal;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// Drives a live session: it is registered with its feed's fan-out shard, which calls the grain with each batch; the
/// batch is applied once, in seq order, and a hole is never stepped over but backfilled from the journal first.
/// </summary>
public sealed partial class LiveDriver(
    string sessionId,
    string feedId,
    int fanoutShards,
    SessionRunner runner,
    IGrainFactory grains,
    IFeedJournal journal,
    int journalReadBatch,
    ILogger logger) : ISessionDriver
{
    public int Shard { get; } = FeedKeys.ShardOf(sessionId, fanoutShards);

    private IFeedShardGrain ShardGrain => grains.GetGrain<IFeedShardGrain>(FeedKeys.Shard(feedId, Shard));

    public Task StartAsync() => ShardGrain.SubscribeAsync(sessionId);

    public Task StopAsync() => ShardGrain.UnsubscribeAsync(sessionId);

    /// <summary>Applies the entries of <paramref name="batch"/> not applied yet; returns how many entries were applied.</summary>
    public async Task<long> ApplyAsync(FeedBatch batch)
    {
        var before = runner.LastSeq;
        if (batch.LastSeq <= before)
        {
            return 0;
        }

        foreach (var tick in batch.Ticks)
        {
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
