using System.Collections.Concurrent;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Feeds.Journal;

/// <summary>
/// Journal kept in process memory (the embedded default): the newest <see cref="Capacity"/> entries of each
/// feed, in a ring. Reads of older entries return what is left, so a caller sees the hole and reports it.
/// </summary>
public sealed class InMemoryFeedJournal(int capacity = 200_000) : IFeedJournal
{
    private readonly ConcurrentDictionary<string, Ring> _feeds = new();

    /// <summary>Entries kept per feed. Default 200,000 (about 14 hours at 4 ticks a second).</summary>
    public int Capacity { get; } = capacity;

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
        private readonly FeedTick[] _items = new FeedTick[capacity];

        public long LastSeq { get; private set; }

        public long FirstSeq => LastSeq == 0 ? 0 : Math.Max(1, LastSeq - _items.Length + 1);

        public void Add(FeedTick tick)
        {
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
