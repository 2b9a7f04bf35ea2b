using System.Collections.Concurrent;
using Orleans.LiveSim.Abstractions.Recordings;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Journal;

namespace Orleans.LiveSim.Grains.Recordings;

/// <summary>
/// The journal of the embedded default: live feeds go to <paramref name="live"/> (a ring per feed keeping its newest
/// entries), recordings (feeds <c>recording-{id}</c>) to storage of their own that keeps every entry until the recording
/// is deleted, so a recording longer than a live feed's ring still replays in full. How much recordings hold is bounded
/// by the recording store (<see cref="RecordingOptions.MaxTotalBytes"/>), which counts <see cref="EntryBytes"/> an entry.
/// </summary>
public sealed class RecordingFeedJournal(IFeedJournal live) : IFeedJournal
{
    /// <summary>
    /// Memory one journaled recording entry takes here: the tick record (about 100 bytes), its slot in the list, and its
    /// share of the round id it shares with the other ticks of its round.
    /// </summary>
    public const int EntryBytes = 128;

    private readonly ConcurrentDictionary<string, List<FeedTick>> _recordings = new(StringComparer.Ordinal);

    public ValueTask AppendAsync(string feedId, IReadOnlyList<FeedTick> ticks, CancellationToken cancellationToken = default)
    {
        if (!RecordingInfo.IsRecordingFeed(feedId))
        {
            return live.AppendAsync(feedId, ticks, cancellationToken);
        }

        var entries = _recordings.GetOrAdd(feedId, _ => []);
        lock (entries)
        {
            foreach (var tick in ticks)
            {
                if (tick.Seq != entries.Count + 1)
                {
                    throw new InvalidOperationException($"Feed '{feedId}': seq {tick.Seq} does not follow {entries.Count}.");
                }

                // One string per round rather than one per tick: a long recording is mostly the same few round ids.
                entries.Add(entries.Count > 0 && entries[^1].GameId == tick.GameId && !ReferenceEquals(entries[^1].GameId, tick.GameId)
                    ? tick with { GameId = entries[^1].GameId }
                    : tick);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<FeedTick>> ReadAsync(string feedId, long fromSeq, long toSeq, int max, CancellationToken cancellationToken = default)
    {
        if (!RecordingInfo.IsRecordingFeed(feedId))
        {
            return live.ReadAsync(feedId, fromSeq, toSeq, max, cancellationToken);
        }

        if (!_recordings.TryGetValue(feedId, out var entries))
        {
            return ValueTask.FromResult<IReadOnlyList<FeedTick>>([]);
        }

        lock (entries)
        {
            var from = Math.Max(fromSeq, 1);
            var to = Math.Min(Math.Min(toSeq, entries.Count), from + max - 1);
            return ValueTask.FromResult<IReadOnlyList<FeedTick>>(to < from ? [] : entries.GetRange((int)from - 1, (int)(to - from + 1)));
        }
    }

    public ValueTask<long> GetLastSeqAsync(string feedId, CancellationToken cancellationToken = default) =>
        RecordingInfo.IsRecordingFeed(feedId) ? ValueTask.FromResult(Count(feedId)) : live.GetLastSeqAsync(feedId, cancellationToken);

    public ValueTask<long> GetFirstSeqAsync(string feedId, CancellationToken cancellationToken = default) =>
        RecordingInfo.IsRecordingFeed(feedId) ? ValueTask.FromResult(Math.Min(Count(feedId), 1L)) : live.GetFirstSeqAsync(feedId, cancellationToken);

    public ValueTask DeleteFeedAsync(string feedId, CancellationToken cancellationToken = default)
    {
        if (!RecordingInfo.IsRecordingFeed(feedId))
        {
            return live.DeleteFeedAsync(feedId, cancellationToken);
        }

        _recordings.TryRemove(feedId, out _);
        return ValueTask.CompletedTask;
    }

    private long Count(string feedId)
    {
        if (!_recordings.TryGetValue(feedId, out var entries))
        {
            return 0;
        }

        lock (entries)
        {
            return entries.Count;
        }
    }
}
