using Orleans.LiveSim.Feeds.Journal;

namespace Orleans.LiveSim.Grains.Hosting;

/// <summary>Tuning of sessions and fan-out (section <c>LiveSim</c>).</summary>
public sealed class LiveSimOptions
{
    public const string Section = "LiveSim";

    /// <summary>Registry shards per feed (<c>FeedShardGrain</c>): each lists its sessions and wakes them after a restart. Default 16.</summary>
    public int FanoutShards { get; set; } = 16;

    /// <summary>
    /// The silo's fan-out gathers consecutive batches for this long and hands them to each session together (several
    /// ticks a session turn cost little more than one). Default 0: every batch at once, lowest latency; a session that
    /// falls behind takes everything waiting in one turn anyway. For dense deployments that trade latency for CPU.
    /// </summary>
    public int FanoutBatchMs { get; set; }

    /// <summary>
    /// Sessions each fan-out shard wakes at once after it (re)activates, e.g. after a restart (<c>LiveSim:ResumeConcurrency</c>):
    /// the rest wait their turn instead of all reading their state together. Default 16 (256 a feed with 16 shards).
    /// </summary>
    public int ResumeConcurrency { get; set; } = 16;

    /// <summary>A running session writes its state at least every this many applied ticks (it replays the rest from the journal after a crash). Default 240 (one minute at 4 Hz).</summary>
    public int PersistEveryTicks { get; set; } = 240;

    /// <summary>Outbound events a session retains for watchers that resume (Last-Event-ID), at most. Default 1024.</summary>
    public int EventBufferSize { get; set; } = 1024;

    /// <summary>
    /// Bytes of event JSON a watched session retains for watchers that resume (<c>LiveSim:EventBufferBytes</c>), at most:
    /// a client away for longer than these cover gets a <c>resync</c> snapshot. Default 32 KiB, about 50 live ticks
    /// (12 s at 4 Hz); 320 MB at 10,000 watched sessions. Unwatched sessions keep nothing.
    /// </summary>
    public int EventBufferBytes { get; set; } = 32 * 1024;

    /// <summary>A watcher's registration lasts this long unless renewed. Default 60 s.</summary>
    public TimeSpan WatchLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Entries the in-memory journal of the embedded default keeps per live feed, the newest (<c>LiveSim:MemoryJournalEntries</c>).
    /// Default 200,000 (about 14 hours at 4 ticks a second). Recordings keep all of theirs, apart from this.
    /// </summary>
    public int MemoryJournalEntries { get; set; } = 200_000;

    /// <summary>Journal entries read at once by a live session's backfill and by a paced replay. Default 2000.</summary>
    public int JournalReadBatch { get; set; } = 2000;

    /// <summary>
    /// A replay at <c>max</c> speed reads this many journal entries at once, the next two batches while it applies one. A
    /// grain turn applies the batches already read for up to 1 ms, so a read or stop of the session waits about that long;
    /// replays share the silo's threads turn by turn, so with N replays running a call may also wait for a turn of each of
    /// the others (N x ~1 ms / cores). Default 4096 (one PostgreSQL journal chunk).
    /// </summary>
    public int ReplayBatchTicks { get; set; } = 4096;

    /// <summary>
    /// A replay at <c>max</c> speed writes its state every this many applied entries, and when it ends (a paced replay, like a
    /// live session, every <see cref="PersistEveryTicks"/>). After a crash it goes on from the last write. Default 100,000.
    /// </summary>
    public int ReplayPersistEveryTicks { get; set; } = 100_000;

    /// <summary>Configured feeds by id (<c>LiveSim:Feeds:{feedId}:...</c>). The synthetic <c>demo</c> feed is added when absent.</summary>
    public Dictionary<string, FeedDefinition> Feeds { get; set; } = new(StringComparer.Ordinal);
}
