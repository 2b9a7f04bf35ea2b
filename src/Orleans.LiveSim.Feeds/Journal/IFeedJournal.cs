using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Feeds.Journal;

/// <summary>
/// The durable record of every accepted feed entry, keyed by (feedId, seq). Entries are appended before
/// they are published, so a session that missed some (or restarted) can always backfill them from here.
/// </summary>
public interface IFeedJournal
{
    /// <summary>Appends entries of one feed; their seqs must continue the journal without holes.</summary>
    ValueTask AppendAsync(string feedId, IReadOnlyList<FeedTick> ticks, CancellationToken cancellationToken = default);

    /// <summary>Entries with <paramref name="fromSeq"/> &lt;= seq &lt;= <paramref name="toSeq"/>, in seq order, at most <paramref name="max"/>.</summary>
    ValueTask<IReadOnlyList<FeedTick>> ReadAsync(string feedId, long fromSeq, long toSeq, int max, CancellationToken cancellationToken = default);

    /// <summary>Highest seq journaled for the feed, 0 when none.</summary>
    ValueTask<long> GetLastSeqAsync(string feedId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lowest seq the journal still holds for the feed, 0 when none. A journal that keeps everything answers 1; one that
    /// keeps only the newest entries (the in-memory ring) answers the oldest it kept, so a replay can refuse a range it lost.
    /// </summary>
    ValueTask<long> GetFirstSeqAsync(string feedId, CancellationToken cancellationToken = default);

    /// <summary>Removes every entry of the feed (a deleted recording's); a feed with none is left as it is.</summary>
    ValueTask DeleteFeedAsync(string feedId, CancellationToken cancellationToken = default);
}
