using System.Text.Json;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Engine.Tests;

public sealed class DeterminismTests
{
    private static Feed Rounds()
    {
        var feed = new Feed();
        int[] rugs = [30, 260, 5, 130, 51, 400, 219, 240];
        for (var i = 0; i < rugs.Length; i++)
        {
            feed.Round($"g{i}", rugs[i]);
            feed.Cooldown($"g{i}");
        }

        return feed;
    }

    private static SessionConfig Config() => Configs.Schedule(entryTick: 20, numBets: 4, stake: 0.003m,
        sizing: new SizingParameters { Mode = SizingMode.AntiMartingale, DynamicSizing = true, DynamicMinSamples = 2, ReduceOnDrawdown = true });

    [Fact]
    public void Same_ticks_twice_give_the_same_events_and_hash()
    {
        var ticks = Rounds().Ticks;

        var (a, eventsA) = Feed.Apply(Config(), ticks);
        var (b, eventsB) = Feed.Apply(Config(), ticks);

        Assert.Equal(eventsA, eventsB);
        Assert.Equal(a.StateHash, b.StateHash);
        Assert.Matches("^[0-9a-f]{16}$", a.StateHash);
        Assert.NotEmpty(eventsA.OfType<BetSettled>());
    }

    [Fact]
    public void A_different_tick_changes_the_hash()
    {
        var ticks = Rounds().Ticks;
        var changed = ticks.ToList();
        changed[40] = changed[40] with { Price = changed[40].Price + 0.01m };

        Assert.NotEqual(Feed.Apply(Config(), ticks).Engine.StateHash, Feed.Apply(Config(), changed).Engine.StateHash);
    }

    [Fact]
    public void State_restored_from_json_continues_exactly_like_the_uninterrupted_run()
    {
        var ticks = Rounds().Ticks;
        var (whole, wholeEvents) = Feed.Apply(Config(), ticks);

        var half = ticks.Count / 2;
        var (first, events) = Feed.Apply(Config(), ticks.Take(half));
        var json = JsonSerializer.Serialize(first.State);
        var restored = new SessionEngine(Config(), JsonSerializer.Deserialize<SessionState>(json));
        foreach (var tick in ticks)
        {
            restored.Apply(tick, events);
        }

        Assert.Equal(wholeEvents, events);
        Assert.Equal(whole.StateHash, restored.StateHash);
        Assert.Equal(JsonSerializer.Serialize(whole.State), JsonSerializer.Serialize(restored.State));
    }
}
