using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Journal;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// Feeds a replay session from the journal at its speed: reads a batch at a time and hands out the entries whose time
/// has come (all of them at <c>max</c>). The next <see cref="ReadsAhead"/> batches are read while this one is handed out:
/// the reads run on the thread pool, off the grain's turn, so a grain applying entries never waits for the journal unless
/// it outruns it.
/// </summary>
public sealed class ReplayReader(SessionSource source, IFeedJournal journal, int readBatch, TimeProvider time) : IDisposable
{
    /// <summary>
    /// Batches being read at once. Two: a PostgreSQL read of a batch took about as long as applying one (measured with the
    /// load driver), so a second read in flight keeps the grain from waiting; more would only hold more memory per session.
    /// </summary>
    public const int ReadsAhead = 2;

    private readonly ReplayClock _clock = ReplayClock.For(source.Speed, time.GetUtcNow());
    private readonly CancellationTokenSource _disposed = new();
    private readonly long _toSeq = source.ToSeq ?? long.MaxValue;
    private readonly Queue<Task<FeedTick[]>> _ahead = new();
    private FeedTick[] _buffer = [];
    private int _next;
    private long _readFrom;

    /// <summary>True at <c>max</c> speed: every entry is due as soon as it is read.</summary>
    public bool IsMax => _clock.IsMax;

    /// <summary>True while every entry read so far was handed out and the next batch is still being read.</summary>
    public bool Reading => _next >= _buffer.Length && _ahead.TryPeek(out var read) && !read.IsCompleted;

    /// <summary>
    /// The entries after <paramref name="lastSeq"/> that are due now, without waiting for the journal (none while
    /// <see cref="Reading"/>); <c>Exhausted</c> once the range, or the journal, has nothing more. A failed read is thrown
    /// here once and read again on the next call.
    /// </summary>
    public (ArraySegment<FeedTick> Due, bool Exhausted) Next(long lastSeq)
    {
        while (_next < _buffer.Length && _buffer[_next].Seq <= lastSeq)
        {
            _next++;
        }

        if (_next >= _buffer.Length)
        {
            if (_ahead.Count == 0)
            {
                if (lastSeq >= _toSeq)
                {
                    return (ArraySegment<FeedTick>.Empty, true);
                }

                _readFrom = lastSeq + 1;
                ReadAhead();
            }

            if (!_ahead.Peek().IsCompleted)
            {
                return (ArraySegment<FeedTick>.Empty, false);
            }

            (_buffer, _next) = ([], 0);
            var read = _ahead.Dequeue();
            try
            {
                _buffer = read.GetAwaiter().GetResult();
            }
            catch
            {
                // The reads after it assumed it succeeded: start again after the last applied entry.
                _ahead.Clear();
                throw;
            }

            if (_buffer.Length == 0)
            {
                return (ArraySegment<FeedTick>.Empty, true);
            }

            ReadAhead();
            while (_next < _buffer.Length && _buffer[_next].Seq <= lastSeq)
            {
                _next++;
            }
        }

        var start = _next;
        if (_clock.IsMax)
        {
            _next = _buffer.Length;
        }
        else
        {
            var now = time.GetUtcNow();
            while (_next < _buffer.Length && _clock.Due(_buffer[_next], now))
            {
                _next++;
            }
        }

        return (new ArraySegment<FeedTick>(_buffer, start, _next - start), false);
    }

    /// <summary>Like <see cref="Next"/>, but first waits for the read in flight when nothing read is left to hand out.</summary>
    public async Task<(ArraySegment<FeedTick> Due, bool Exhausted)> NextAsync(long lastSeq, CancellationToken cancellationToken)
    {
        var next = Next(lastSeq);
        if (next.Due.Count == 0 && !next.Exhausted && Reading)
        {
            await ((Task)_ahead.Peek()).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
            next = Next(lastSeq);
        }

        return next;
    }

    /// <summary>Abandons the reads in flight.</summary>
    public void Dispose() => _disposed.Cancel();

    // Seqs have no holes, so each read asks for the batch after the one before it; a read that comes back short (the
    // journal's end) is followed by empty ones, and an empty read ends the replay.
    private void ReadAhead()
    {
        while (_ahead.Count < ReadsAhead && _readFrom <= _toSeq)
        {
            var from = _readFrom;
            var to = Math.Min(_toSeq, from + readBatch - 1);
            _readFrom = to + 1;
            var token = _disposed.Token;
            // Task.Run: off the grain's scheduler, so the read (and a database's row decoding) overlaps the grain's turns.
            _ahead.Enqueue(Task.Run(
                async () =>
                {
                    var ticks = await journal.ReadAsync(source.FeedId, from, to, readBatch, token);
                    return ticks as FeedTick[] ?? [.. ticks];
                },
                token));
        }
    }
}
