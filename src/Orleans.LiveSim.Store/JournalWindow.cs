using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Store;

/// <summary>
/// The most recent entries of one feed's journal, in memory on this silo. After a restart every session of the feed
/// backfills from the seq it last persisted up to the live one: thousands of reads of overlapping ranges near the
/// journal's end. Served from here, they cost PostgreSQL a few reads instead of one each. Journal entries never change
/// once written and seqs are contiguous, so a copy is exact; loads are serialized, so concurrent misses on the same
/// range read it once. Ranges older than the window's capacity go to the database directly and are not kept.
/// </summary>
public sealed class JournalWindow(int capacity)
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly List<FeedTick> _ticks = [];
    private long _first;

    /// <summary>Reads like <c>IFeedJournal.ReadAsync</c>, loading what the window lacks with <paramref name="load"/> (from, to, max).</summary>
    public async Task<IReadOnlyList<FeedTick>> ReadAsync(long fromSeq, long toSeq, int max, Func<long, long, int, Task<IReadOnlyList<FeedTick>>> load)
    {
        var to = Math.Min(toSeq, fromSeq + max - 1);
        if (TrySlice(fromSeq, to, out var hit))
        {
            return hit;
        }

        await _loading.WaitAsync();
        try
        {
            if (TrySlice(fromSeq, to, out hit))
            {
                return hit;
            }

            long first, last;
            int count;
            lock (_lock)
            {
                (first, last, count) = (_first, _first + _ticks.Count - 1, _ticks.Count);
            }

            if (count > 0 && fromSeq < last - capacity)
            {
                // Far behind the live end (a replay): not worth keeping.
                return await load(fromSeq, toSeq, max);
            }

            if (count == 0 || to > last + capacity || fromSeq > last + 1)
            {
                var loaded = await load(fromSeq, to, (int)(to - fromSeq + 1));
                Reset(fromSeq, loaded);
                return loaded;
            }

            if (fromSeq < first && !Prepend(first, await load(fromSeq, first - 1, (int)(first - fromSeq))))
            {
                return await load(fromSeq, toSeq, max);
            }

            if (to > last)
            {
                // The load returns all the journal holds up to 'to', so the window then answers exactly, even when short.
                var loaded = await load(last + 1, to, (int)(to - last));
                if (!Append(loaded))
                {
                    return await load(fromSeq, toSeq, max);
                }

                to = Math.Min(to, last + loaded.Count);
            }

            return TrySlice(fromSeq, to, out hit) ? hit : await load(fromSeq, toSeq, max);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Keeps entries just appended to the journal when they continue the window (the feed adapter's silo).</summary>
    public void Appended(IReadOnlyList<FeedTick> ticks)
    {
        lock (_lock)
        {
            if (_ticks.Count > 0 && ticks.Count > 0 && ticks[0].Seq == _first + _ticks.Count)
            {
                AddAndTrim(ticks);
            }
        }
    }

    private bool TrySlice(long fromSeq, long toSeq, out IReadOnlyList<FeedTick> slice)
    {
        lock (_lock)
        {
            var last = _first + _ticks.Count - 1;
            // Covered, or covered up to the journal's end as far as this window knows: a read past it must ask the database.
            if (_ticks.Count == 0 || fromSeq < _first || toSeq > last)
            {
                slice = [];
                return false;
            }

            slice = _ticks.GetRange((int)(fromSeq - _first), (int)(toSeq - fromSeq + 1)).ToArray();
            return true;
        }
    }

    private void Reset(long fromSeq, IReadOnlyList<FeedTick> loaded)
    {
        lock (_lock)
        {
            _ticks.Clear();
            if (IsContiguous(loaded, fromSeq))
            {
                _first = fromSeq;
                AddAndTrim(loaded);
            }
        }
    }

    private bool Prepend(long first, IReadOnlyList<FeedTick> loaded)
    {
        lock (_lock)
        {
            if (_first != first || loaded.Count == 0 || !IsContiguous(loaded, first - loaded.Count))
            {
                return false;
            }

            _ticks.InsertRange(0, loaded);
            _first = loaded[0].Seq;
            Trim();
            return true;
        }
    }

    private bool Append(IReadOnlyList<FeedTick> loaded)
    {
        lock (_lock)
        {
            if (loaded.Count == 0)
            {
                return true;
            }

            if (loaded[0].Seq != _first + _ticks.Count || !IsContiguous(loaded, loaded[0].Seq))
            {
                return false;
            }

            AddAndTrim(loaded);
            return true;
        }
    }

    private void AddAndTrim(IReadOnlyList<FeedTick> ticks)
    {
        _ticks.AddRange(ticks);
        Trim();
    }

    // Oldest first: sessions backfill up to the live end, so the end is what matters.
    private void Trim()
    {
        var excess = _ticks.Count - capacity;
        if (excess > 0)
        {
            _ticks.RemoveRange(0, excess);
            _first += excess;
        }
    }

    private static bool IsContiguous(IReadOnlyList<FeedTick> ticks, long fromSeq)
    {
        for (var i = 0; i < ticks.Count; i++)
        {
            if (ticks[i].Seq != fromSeq + i)
            {
                return false;
            }
        }

        return true;
    }
}
