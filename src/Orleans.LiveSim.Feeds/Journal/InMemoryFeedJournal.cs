using System.Collections.Concurrent;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Feeds.Journal;

/// <summary>
/// Journal kept in process memory (the embedded default): the newest <see cref="Capacity"/> entries of each
/// feed, in a ring that grows as entries arrive (a short feed, such as a small recording, holds no more than it has).
/// Reads of older entries return what is left, so a caller sees the hole and reports it.
/// </summary>
public sealed class InMemoryFeedJournal(int capacity = InMemoryFeedJournal.DefaultCapacity) : IFeedJournal
{
    private readonly ConcurrentDictionary<string, Ring> _feeds = new();

    /// <summary>The default <see cref="Capacity"/>: a recording of a million ticks, or about three days of a feed at 4 Hz.</summary>
    public const int DefaultCapacity = 1_048_576;

    /// <summary>Entries kept per feed (<c>LiveSim:MemoryJournalEntries</c>).</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A journal keeps at least one entry per feed.");

    public ValueTask AppendAsync(string feedId, IReadOnlyList<FeedTick> ticks, CancellationToken cancellationToken = default)
    {
        var ring = _feeds.GetOrAdd(feedId, _ => new Ring(Capacity));
        lock (ring)
        {
            foreach (var tick in ticks)
            {
                if (tick.Seq != ring.LastSeq + 1)
                {
                    throw new InvalidOperationException($"Feed '{feedId}': seq {tick.Seq} does not follow {ring.LastSeq}.");
                }

                ring.Add(tick);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<FeedTick>> ReadAsync(string feedId, long fromSeq, long toSeq, int max, CancellationToken cancellationToken = default)
    {
        if (!_feeds.TryGetValue(feedId, out var ring))
        {
            return ValueTask.FromResult<IReadOnlyList<FeedTick>>([]);
        }

        lock (ring)
        {
            return ValueTask.FromResult<IReadOnlyList<FeedTick>>(ring.Read(fromSeq, toSeq, max));
        }
    }

    public ValueTask<long> GetLastSeqAsync(string feedId, CancellationToken cancellationToken = default)
    {
        if (!_feeds.TryGetValue(feedId, out var ring))
        {
            return ValueTask.FromResult(0L);
        }

        lock (ring)
        {
            return ValueTask.FromResult(ring.LastSeq);
        }
    }

    public ValueTask<long> GetFirstSeqAsync(string feedId, CancellationToken cancellationToken = default)
    {
        if (!_feeds.TryGetValue(feedId, out var ring))
        {
            return ValueTask.FromResult(0L);
        }

        lock (ring)
        {
            return ValueTask.FromResult(ring.FirstSeq);
        }
    }

    public ValueTask DeleteFeedAsync(string feedId, CancellationToken cancellationToken = default)
    {
        _feeds.TryRemove(feedId, out _);
        return ValueTask.CompletedTask;
    }

    private sealed class Ring(int capacity)
    {
        private FeedTick[] _items = new FeedTick[Math.Min(capacity, 1024)];

        public long LastSeq { get; private set; }

        public long FirstSeq => LastSeq == 0 ? 0 : Math.Max(1, LastSeq - _items.Length + 1);

        public void Add(FeedTick tick)
        {
            if (tick.Seq > _items.Length && _items.Length < capacity)
            {
                // Full, and nothing overwritten yet (seq 1..LastSeq all held): lay them out in a larger ring.
                var grown = new FeedTick[(int)Math.Min(capacity, 2L * _items.Length)];
                for (var seq = 1L; seq <= LastSeq; seq++)
                {
                    grown[seq % grown.Length] = _items[seq % _items.Length];
                }

                _items = grown;
            }

            _items[(int)(tick.Seq % _items.Length)] = tick;
            LastSeq = tick.Seq;
        }

        public List<FeedTick> Read(long fromSeq, long toSeq, int max)
        {
            var from = Math.Max(fromSeq, FirstSeq);
            var to = Math.Min(toSeq, LastSeq);
            var result = new List<FeedTick>((int)Math.Clamp(to - from + 1, 0, max));
            for (var seq = from; seq <= to && result.Count < max; seq++)
            {
                result.Add(_items[(int)(seq % _items.Length)]);
            }

            return result;
        }
    }
}
