using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Journal;

namespace Orleans.LiveSim.Feeds.Tests;

/// <summary>The in-memory journal's ring: every entry up to its capacity (growing as entries arrive), then the newest.</summary>
public sealed class InMemoryFeedJournalTests
{
    [Fact]
    public async Task Every_entry_is_kept_while_the_ring_grows_to_its_capacity_then_the_oldest_go_first()
    {
        var journal = new InMemoryFeedJournal(3000);
        var ticks = Enumerable.Range(1, 3500).Select(i => new FeedTick("f", i, $"g-{i / 100}", i % 100, 1m, GamePhase.Active, true, false, DateTimeOffset.UnixEpoch.AddMilliseconds(250 * i))).ToArray();
        for (var i = 0; i < 2500; i += 700)
        {
            await journal.AppendAsync("f", ticks[i..Math.Min(2500, i + 700)]);
        }

        Assert.Equal(ticks[..2500], await journal.ReadAsync("f", 1, 2500, 5000));
        Assert.Equal(1, await journal.GetFirstSeqAsync("f"));

        await journal.AppendAsync("f", ticks[2500..]);

        Assert.Equal(501, await journal.GetFirstSeqAsync("f"));
        Assert.Equal(3500, await journal.GetLastSeqAsync("f"));
        Assert.Equal(ticks[500..], await journal.ReadAsync("f", 1, 3500, 5000));
    }
}
