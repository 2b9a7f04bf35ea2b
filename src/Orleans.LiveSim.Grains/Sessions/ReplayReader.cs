using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Journal;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// Feeds a replay session from the journal at its speed: reads a batch at a time and hands out the entries whose time
/// has come (all of them at <c>max</c>). The next batch is read while this one is handed out: the read runs on the
/// thread pool, off the grain's turn, so a grain applying entries never waits for the journal unless it outruns it.
/// </summary>
public sealed class ReplayReader(SessionSource source, IFeedJournal journal, int readBatch, TimeProvider time) : IDisposable
{
    private readonly ReplayClock _clock = ReplayClock.For(source.Speed, time.GetUtcNow());
    private readonly CancellationTokenSource _disposed = new();
    private readonly long _toSeq = source.ToSeq ?? long.MaxValue;
    private FeedTick[] _buffer = [];
    private int _next;
    private Task<FeedTick[]>? _ahead;

    /// <summary>True at <c>max</c> speed: every entry is due as soon as it is read.</summary>
    public bool IsMax => _clock.IsMax;

    /// <summary>True while every entry read so far was handed out and the next batch is still being read.</summary>
    public bool Reading => _next >= _buffer.Length && _ahead is { IsCompleted: false };

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
            if (_ahead is null)
            {
                if (lastSeq >= _toSeq)
                {
                    return ([], true);
                }

                ReadAhead(lastSeq + 1);
            }

            if (!_ahead!.IsCompleted)
            {
                return ([], false);
            }

            var read = _ahead;
            _ahead = null;
            (_buffer, _next) = ([], 0);
            _buffer = read.GetAwaiter().GetResult();
            if (_buffer.Length == 0)
            {
                return ([], true);
            }

            // As a read returns at most what was asked, the range may hold more: read on while this batch is handed out.
            if (_buffer[^1].Seq < _toSeq)
            {
                ReadAhead(_buffer[^1].Seq + 1);
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
            await ((Task)_ahead!).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
            next = Next(lastSeq);
        }

        return next;
    }

    /// <summary>Abandons the read in flight.</summary>
    public void Dispose() => _disposed.Cancel();

    private void ReadAhead(long fromSeq)
    {
        var token = _disposed.Token;
        // Task.Run: off the grain's scheduler, so the read (and a database's row decoding) overlaps the grain's turns.
        _ahead = Task.Run(
            async () =>
            {
                var ticks = await journal.ReadAsync(source.FeedId, fromSeq, _toSeq, readBatch, token);
                return ticks as FeedTick[] ?? [.. ticks];
            },
            token);
    }
}
