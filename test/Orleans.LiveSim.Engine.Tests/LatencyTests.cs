using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Engine.Tests;

public sealed class LatencyTests
{
    private static SessionConfig WithLatency(PlacementLatency latency, int entryTick = 10, int numBets = 3, int cooldown = 5)
    {
        var config = Configs.Schedule(entryTick: entryTick, numBets: numBets, cooldown: cooldown, balance: 1m);
        return config with { Parameters = config.Parameters with { Latency = latency } };
    }

    [Fact]
    public void A_tick_latency_places_each_bet_that_many_ticks_after_its_decision_at_the_stake_decided()
    {
        var ticks = new Feed().Round("g1", 200).Ticks;

        var (_, events) = Feed.Apply(WithLatency(new PlacementLatency { Amount = 3 }), ticks);

        var placed = events.OfType<BetPlaced>().ToList();
        // Bets are due at ticks 10, 55, 100 (window 40 + cooldown 5); each is placed 3 ticks after.
        Assert.Equal([13, 58, 103], placed.Select(p => p.Bet.StartTick));
        Assert.Equal([10, 55, 100], placed.Select(p => p.DecisionTick));
        Assert.All(placed, p => Assert.Equal(p.DecidedAtSeq + 3, p.Bet.PlacedAtSeq));
        Assert.All(placed, p => Assert.Equal(0.01m, p.Bet.Stake));
    }

    [Fact]
    public void No_latency_keeps_todays_results()
    {
        var ticks = new Feed().Round("g1", 120).Round("g2", 30).Ticks;

        var (without, _) = Feed.Apply(Configs.Schedule(entryTick: 10, numBets: 3, cooldown: 5, balance: 1m), ticks);
        var (zero, events) = Feed.Apply(WithLatency(new PlacementLatency { Amount = 0, Unit = LatencyUnit.Milliseconds, Seed = 9 }), ticks);

        Assert.Equal(without.StateHash, zero.StateHash);
        Assert.All(events.OfType<BetPlaced>(), p => Assert.Equal(p.DecisionTick, p.Bet.StartTick));
    }

    [Fact]
    public void A_millisecond_latency_is_measured_on_the_feeds_receive_times()
    {
        var feed = new Feed();
        var start = feed.At;
        for (var t = 0; t < 100; t++)
        {
            // Ticks 100 ms apart, then a stall of a second after tick 11.
            feed.At = start.AddMilliseconds((t * 100) + (t > 11 ? 1000 : 0));
            feed.Active("g1", t);
        }

        var (_, events) = Feed.Apply(WithLatency(new PlacementLatency { Amount = 250, Unit = LatencyUnit.Milliseconds }, numBets: 1), feed.Ticks);

        // Decided on tick 10 (1.0 s); due at 1.25 s: tick 11 came at 1.1 s, tick 12 at 2.2 s.
        var placed = Assert.Single(events.OfType<BetPlaced>());
        Assert.Equal(10, placed.DecisionTick);
        Assert.Equal(12, placed.Bet.StartTick);
    }

    [Fact]
    public void A_seeded_jitter_gives_the_same_delays_for_the_same_seed_and_others_for_another()
    {
        var ticks = new Feed().Round("g1", 300).Round("g2", 300).Round("g3", 300).Ticks;
        var latency = new PlacementLatency { Amount = 1, Jitter = 4, Seed = 7 };

        int[] Delays(PlacementLatency l) =>
            [.. Feed.Apply(WithLatency(l, numBets: 6), ticks).Events.OfType<BetPlaced>().Select(p => p.Bet.StartTick - p.DecisionTick)];

        var delays = Delays(latency);
        Assert.Equal(18, delays.Length);
        Assert.Equal(delays, Delays(latency));
        Assert.All(delays, d => Assert.InRange(d, 1, 5));
        Assert.True(delays.Distinct().Count() > 2, string.Join(",", delays));
        Assert.NotEqual(delays, Delays(latency with { Seed = 8 }));
    }

    [Fact]
    public void A_bet_whose_round_rugs_before_its_placement_is_skipped_and_the_rug_settles_nothing_of_it()
    {
        var ticks = new Feed().Round("g1", 12).Round("g2", 100).Ticks;

        var (engine, events) = Feed.Apply(WithLatency(new PlacementLatency { Amount = 5 }, numBets: 1), ticks);

        var skipped = events.OfType<BetSkipped>().First();
        Assert.Equal(("g1", "round_ended"), (skipped.GameId, skipped.Reason));
        Assert.Equal("g2", Assert.Single(events.OfType<BetPlaced>()).Bet.GameId);
        Assert.Null(engine.State.PendingBet);
        Assert.Equal(engine.State.StartingBalance + engine.State.Stats.NetPnl, engine.State.Balance + engine.State.InBets);
    }

    [Fact]
    public void A_pause_drops_a_decided_bet_that_was_not_placed_yet()
    {
        var engine = new SessionEngine(WithLatency(new PlacementLatency { Amount = 5 }, numBets: 1));
        var events = new List<EngineEvent>();
        var feed = new Feed().Run("g1", 0, 11);
        foreach (var tick in feed.Ticks)
        {
            engine.Apply(tick, events);
        }

        Assert.NotNull(engine.State.PendingBet);
        engine.Pause(events);
        engine.Apply(feed.Active("g1", 12), events);

        Assert.Equal("paused", Assert.Single(events.OfType<BetSkipped>()).Reason);
        Assert.Empty(events.OfType<BetPlaced>());
        Assert.Null(engine.State.PendingBet);
    }
}
