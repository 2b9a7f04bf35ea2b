using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Journal;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// Feeds a replay session from the journal at its speed: reads ahead a batch at a time and hands out the entries
/// whose time has come (all of them at <c>max</c>), without re-reading the journal on every step.
/// </summary>
public sealed class ReplayReader(SessionSource source, IFeedJournal journal, int readBatch, TimeProvider time)
{
    private readonly Queue<FeedTick> _ahead = new();
    private readonly ReplayClock _clock = ReplayClock.For(source.Speed, time.GetUtcNow());

    /// <summary>How often the grain should step: as fast as possible at <c>max</c>, else every 50 ms.</summary>
    public TimeSpan Period => TimeSpan.FromMilliseconds(_clock.IsMax ? 1 : 50);

    /// <summary>
    /// The entries after <paramref name="lastSeq"/> that are due now; <c>Exhausted</c> when the range (or the journal)
    /// has nothing more.
    /// </summary>
    public async Task<(List<FeedTick> Due, bool Exhausted)> NextAsync(long lastSeq, CancellationToken cancellationToken)
    {
        var toSeq = source.ToSeq ?? long.MaxValue;
        if (_ahead.Count == 0 && lastSeq < toSeq)
        {
            foreach (var tick in await journal.ReadAsync(source.FeedId, lastSeq + 1, toSeq, readBatch, cancellationToken))
            {
                _ahead.Enqueue(tick);
            }
        }

        var exhausted = _ahead.Count == 0;
        var now = time.GetUtcNow();
        var due = new List<FeedTick>();
        while (_ahead.TryPeek(out var tick) && _clock.Due(tick, now))
        {
            due.Add(_ahead.Dequeue());
        }

        return (due, exhausted);
    }
}
