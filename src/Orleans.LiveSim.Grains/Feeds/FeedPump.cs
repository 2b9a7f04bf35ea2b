using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Feeds.Sources;

namespace Orleans.LiveSim.Grains.Feeds;

/// <summary>
/// One feed's intake, run by its <see cref="FeedAdapterGrain"/>: drains the source, numbers the entries, journals
/// them and only then publishes them. It also says when to drain next: at once when a pushed source announced new
/// entries (the doorbell), at the next scheduled entry's due time, and otherwise after a heartbeat that keeps the
/// source's integrity checks (a stale feed) current. Not thread-safe: used from the grain's turns only, except
/// <see cref="Ring"/>, which the source calls on its own thread.
/// </summary>
public sealed class FeedPump
{
    private readonly List<FeedTick> _drained = [];
    private readonly string _feedId;
    private readonly IFeedSource _source;
    private readonly IFeedJournal _journal;
    private readonly TimeProvider _time;
    private readonly TimeSpan _heartbeat;
    private Action? _wake;

    // When the doorbell first rang since the last drain (UTC ticks), 0 when it did not: one field, so ringing and
    // draining agree without a lock.
    private long _rungAt;

    /// <summary>Creates the intake of a source whose journal ends at <paramref name="lastTick"/> (null when empty).</summary>
    public FeedPump(string feedId, IFeedSource source, IFeedJournal journal, TimeProvider time, FeedTick? lastTick, TimeSpan heartbeat)
    {
        _feedId = feedId;
        _source = source;
        _journal = journal;
        _time = time;
        _heartbeat = heartbeat;
        LastTick = lastTick;
        LastSeq = lastTick?.Seq ?? 0;
    }

    /// <summary>Seq of the last entry journaled.</summary>
    public long LastSeq { get; private set; }

    /// <summary>The last entry journaled, null when none.</summary>
    public FeedTick? LastTick { get; private set; }

    /// <summary>
    /// Connects the source's announcements to <paramref name="wake"/>, which is then called on the source's thread at
    /// most once between two drains. It must only ask for a drain in the grain's own turn, never drain itself.
    /// </summary>
    public void Connect(Action wake)
    {
        _wake = wake;
        _source.OnAvailable(Ring);
    }

    /// <summary>Entries arrived for the next drain (any thread).</summary>
    public void Ring()
    {
        if (Interlocked.CompareExchange(ref _rungAt, _time.GetUtcNow().UtcTicks, 0) == 0)
        {
            _wake?.Invoke();
        }
    }

    /// <summary>
    /// Drains what the source has, appends it to the journal and then hands it to <paramref name="publish"/>. Returns
    /// the batch, or null when there was nothing. A journal failure propagates and nothing is published.
    /// </summary>
    public async Task<FeedBatch?> PumpAsync(Func<FeedBatch, Task> publish, CancellationToken cancellationToken)
    {
        // Read the doorbell before draining: an entry that arrives during the drain rings again.
        var rungAt = Interlocked.Exchange(ref _rungAt, 0);
        var due = _source.NextDueAt;
        var now = _time.GetUtcNow();
        _drained.Clear();
        _source.Drain(now, _drained);
        if (_drained.Count == 0)
        {
            return null;
        }

        var ticks = new FeedTick[_drained.Count];
        for (var i = 0; i < ticks.Length; i++)
        {
            ticks[i] = _drained[i] with { Seq = LastSeq + 1 + i };
        }

        // Journal first: a published seq must always be readable for backfill and replay.
        await _journal.AppendAsync(_feedId, ticks, cancellationToken);
        LastSeq += ticks.Length;
        LastTick = ticks[^1];
        var batch = new FeedBatch(_feedId, ticks) { ReceivedAt = ReceivedAt(now, rungAt, due) };
        await publish(batch);
        return batch;
    }

    /// <summary>How long to wait before the next drain: zero when rung or ready, else until the next due entry, at most the heartbeat.</summary>
    public TimeSpan NextDrainIn()
    {
        if (Volatile.Read(ref _rungAt) != 0)
        {
            return TimeSpan.Zero;
        }

        var wait = _source.NextDueAt is { } due ? due - _time.GetUtcNow() : _heartbeat;
        if (wait <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        // Whole milliseconds rounded up (what timers count in): a drain a fraction early would find nothing due.
        return wait >= _heartbeat ? _heartbeat : TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds));
    }

    // When the batch's first entry reached the feed: the doorbell for pushed sources, the due time for scheduled ones,
    // else (an entry that was simply ready) this drain.
    private static DateTimeOffset ReceivedAt(DateTimeOffset now, long rungAt, DateTimeOffset? due)
    {
        var at = now;
        if (rungAt != 0 && rungAt < at.UtcTicks)
        {
            at = new DateTimeOffset(rungAt, TimeSpan.Zero);
        }

        if (due is { } d && d != DateTimeOffset.MinValue && d < at)
        {
            at = d;
        }

        return at;
    }
}
