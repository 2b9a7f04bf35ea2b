using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Feeds.Journal;

/// <summary>
/// Whole chunks of feed journals in memory on this silo (chunk k of a feed holds seq k*C+1 .. (k+1)*C), the least
/// recently used dropped first once more than <see cref="MaxEntries"/> entries are held. Only complete chunks are kept:
/// a journal entry never changes once written and seqs have no holes, so a chunk whose every entry exists is final,
/// whoever appends after it. Concurrent misses of one chunk share one load, so sessions replaying the same range (a
/// sweep's variants) read each chunk from the database once per silo rather than once each.
/// </summary>
public sealed class JournalChunkCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string FeedId, long Chunk), LinkedListNode<Slot>> _slots = [];
    private readonly LinkedList<Slot> _recency = new();
    private long _held;
    private long _hits;
    private long _misses;

    /// <param name="chunkEntries">Entries per chunk (C).</param>
    /// <param name="maxEntries">The most entries held, all feeds together (whole chunks; a load in flight counts as a full chunk).</param>
    public JournalChunkCache(int chunkEntries, long maxEntries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkEntries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, chunkEntries);
        ChunkEntries = chunkEntries;
        MaxEntries = maxEntries;
    }

    /// <summary>Entries per chunk.</summary>
    public int ChunkEntries { get; }

    /// <summary>The most entries held at once.</summary>
    public long MaxEntries { get; }

    /// <summary>Entries held now (chunks kept or being loaded, a full chunk each).</summary>
    public long HeldEntries
    {
        get
        {
            lock (_lock)
            {
                return _held;
            }
        }
    }

    /// <summary>Chunks served from memory (or from a load another caller had started).</summary>
    public long Hits
    {
        get
        {
            lock (_lock)
            {
                return _hits;
            }
        }
    }

    /// <summary>Chunks this cache had to load.</summary>
    public long Misses
    {
        get
        {
            lock (_lock)
            {
                return _misses;
            }
        }
    }

    /// <summary>The chunk that holds <paramref name="seq"/>.</summary>
    public long ChunkOf(long seq) => (seq - 1) / ChunkEntries;

    /// <summary>The first seq of chunk <paramref name="chunk"/>.</summary>
    public long FirstSeqOf(long chunk) => (chunk * ChunkEntries) + 1;

    /// <summary>
    /// The entries of chunk <paramref name="chunk"/> of <paramref name="feedId"/>, in seq order: from memory, or loaded
    /// with <paramref name="load"/> (first seq, last seq) and kept when complete. Fewer than a chunk when the journal does
    /// not hold all of it (then nothing is kept). A failed load is not kept either: the next caller loads again.
    /// </summary>
    public async Task<FeedTick[]> GetAsync(string feedId, long chunk, Func<long, long, Task<IReadOnlyList<FeedTick>>> load)
    {
        var (held, loading, slot) = Find((feedId, chunk));
        if (loading is null)
        {
            return await held;
        }

        var first = FirstSeqOf(chunk);
        try
        {
            var loaded = await load(first, first + ChunkEntries - 1);
            var ticks = loaded as FeedTick[] ?? [.. loaded];
            if (!IsWhole(ticks, first))
            {
                Forget(slot!);
            }

            loading.SetResult(ticks);
            return ticks;
        }
        catch (Exception ex)
        {
            Forget(slot!);
            loading.SetException(ex);
            throw;
        }
    }

    /// <summary>The chunk's entries held or being loaded; else a new slot the caller must load (<c>Loading</c>).</summary>
    private (Task<FeedTick[]> Ticks, TaskCompletionSource<FeedTick[]>? Loading, Slot? Slot) Find((string FeedId, long Chunk) key)
    {
        lock (_lock)
        {
            if (_slots.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                _hits++;
                return (node.Value.Ticks, null, null);
            }

            var loading = new TaskCompletionSource<FeedTick[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            var slot = new Slot(key, loading.Task);
            _slots.Add(key, _recency.AddFirst(slot));
            _held += ChunkEntries;
            _misses++;
            Evict();
            return (loading.Task, loading, slot);
        }
    }

    private bool IsWhole(FeedTick[] ticks, long first)
    {
        if (ticks.Length != ChunkEntries)
        {
            return false;
        }

        for (var i = 0; i < ticks.Length; i++)
        {
            if (ticks[i].Seq != first + i)
            {
                return false;
            }
        }

        return true;
    }

    private void Forget(Slot slot)
    {
        lock (_lock)
        {
            if (_slots.TryGetValue(slot.Key, out var node) && ReferenceEquals(node.Value, slot))
            {
                Remove(node);
            }
        }
    }

    // Least recently used first; never the chunk just added (at the head).
    private void Evict()
    {
        while (_held > MaxEntries && _recency.Last is { } oldest && oldest != _recency.First)
        {
            Remove(oldest);
        }
    }

    private void Remove(LinkedListNode<Slot> node)
    {
        _recency.Remove(node);
        _slots.Remove(node.Value.Key);
        _held -= ChunkEntries;
    }

    private sealed record Slot((string FeedId, long Chunk) Key, Task<FeedTick[]> Ticks);
}
