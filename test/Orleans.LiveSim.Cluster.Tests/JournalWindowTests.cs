using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Store;

namespace Orleans.LiveSim.Cluster.Tests;

/// <summary>The in-memory end of a feed's journal: exact answers, few database reads.</summary>
public sealed class JournalWindowTests
{
    private readonly List<FeedTick> _journal = Ticks(1, 1000);
    private int _loads;

    [Fact]
    public async Task Overlapping_backfills_near_the_end_read_the_database_once_per_missing_stretch()
    {
        var window = new JournalWindow(4096);

        var reads = new[] { (900L, 1000L), (850L, 1000L), (870L, 990L), (800L, 1000L), (801L, 950L), (999L, 1000L) };
        foreach (var (from, to) in reads)
        {
            Assert.Equal(Direct(from, to, 2000), await window.ReadAsync(from, to, 2000, LoadAsync));
        }

        // [900,1000], then [850,899] and [800,849] prepended; everything else from memory.
        Assert.Equal(3, _loads);
    }

    [Fact]
    public async Task A_thousand_concurrent_backfills_cost_a_handful_of_reads_and_each_gets_its_exact_range()
    {
        var window = new JournalWindow(4096);
        var random = new Random(7);
        var ranges = Enumerable.Range(0, 1000).Select(_ => (From: 700L + random.Next(300), To: 1000L)).ToArray();

        var results = await Task.WhenAll(ranges.Select(r => Task.Run(() => window.ReadAsync(r.From, r.To, 2000, LoadAsync))));

        for (var i = 0; i < ranges.Length; i++)
        {
            Assert.Equal(Direct(ranges[i].From, ranges[i].To, 2000), results[i]);
        }

        Assert.True(_loads <= 20, $"{_loads} database reads");
    }

    [Fact]
    public async Task A_read_past_the_end_returns_what_exists_and_a_later_read_sees_new_entries()
    {
        var window = new JournalWindow(4096);
        Assert.Equal(Direct(990, 1000, 2000), await window.ReadAsync(990, 1010, 2000, LoadAsync));

        _journal.AddRange(Ticks(1001, 10));
        window.Appended(_journal[^10..].ToArray()[..5]);

        Assert.Equal(Direct(995, 1010, 2000), await window.ReadAsync(995, 1010, 2000, LoadAsync));
        Assert.Equal(Direct(1001, 1005, 3), await window.ReadAsync(1001, 1005, 3, LoadAsync));
    }

    [Fact]
    public async Task Entries_far_behind_the_end_are_read_from_the_database_and_not_kept()
    {
        var window = new JournalWindow(100);
        await window.ReadAsync(950, 1000, 2000, LoadAsync);
        var loads = _loads;

        Assert.Equal(Direct(1, 500, 200), await window.ReadAsync(1, 500, 200, LoadAsync));
        Assert.Equal(Direct(1, 500, 200), await window.ReadAsync(1, 500, 200, LoadAsync));
        Assert.Equal(loads + 2, _loads);
        Assert.Equal(Direct(960, 1000, 2000), await window.ReadAsync(960, 1000, 2000, LoadAsync));
        Assert.Equal(loads + 2, _loads);
    }

    private Task<IReadOnlyList<FeedTick>> LoadAsync(long from, long to, int max)
    {
        Interlocked.Increment(ref _loads);
        return Task.FromResult(Direct(from, to, max));
    }

    private IReadOnlyList<FeedTick> Direct(long from, long to, int max)
    {
        lock (_journal)
        {
            return _journal.Where(t => t.Seq >= from && t.Seq <= to).Take(max).ToArray();
        }
    }

    private static List<FeedTick> Ticks(long firstSeq, int count) =>
        Enumerable.Range(0, count)
            .Select(i => new FeedTick("f", firstSeq + i, "g-1", (int)(firstSeq + i), 1m, GamePhase.Active, true, false, DateTimeOffset.UnixEpoch.AddMilliseconds(250 * (firstSeq + i))))
            .ToList();
}
