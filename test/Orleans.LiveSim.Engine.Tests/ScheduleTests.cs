using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Engine.Tests;

public sealed class ScheduleTests
{
    [Fact]
    public void Bets_start_at_entry_plus_k_times_window_plus_cooldown()
    {
        var (engine, events) = Feed.Apply(Configs.Schedule(entryTick: 10, numBets: 3, cooldown: 5), new Feed().Run("g1", 0, 300).Ticks);

        Assert.Equal([10, 55, 100], events.OfType<BetPlaced>().Select(p => p.Bet.StartTick));
        Assert.Equal([0, 1, 2], events.OfType<BetPlaced>().Select(p => p.Bet.ScheduleIndex));
        Assert.Equal(3, engine.State.Stats.BetsPlaced);
        Assert.Equal(1, engine.State.Stats.GamesBet);
    }

    [Fact]
    public void Schedule_restarts_in_every_round()
    {
        var feed = new Feed().Round("g1", 30).Round("g2", 30);

        var (_, events) = Feed.Apply(Configs.Schedule(entryTick: 10, numBets: 2), feed.Ticks);

        Assert.Equal(["g1", "g2"], events.OfType<BetPlaced>().Select(p => p.Bet.GameId));
    }

    [Fact]
    public void Missed_entry_tick_is_caught_up_on_the_next_tick_inside_its_window()
    {
        var feed = new Feed().Run("g1", 0, 9);
        feed.Gap("g1", 10, 2);
        feed.Run("g1", 12, 30);

        var (engine, events) = Feed.Apply(Configs.Schedule(entryTick: 10), feed.Ticks);

        var placed = Assert.Single(events.OfType<BetPlaced>());
        Assert.Equal(12, placed.Bet.StartTick);
        Assert.Equal(52, placed.Bet.EndTick);
        Assert.Equal(0, placed.Bet.ScheduleIndex);
        Assert.Equal(0, engine.State.Stats.BetsSkipped);
        Assert.Equal(1, engine.State.Stats.FeedGaps);
    }

    [Fact]
    public void Bet_whose_window_passed_unseen_is_skipped_and_counted()
    {
        var feed = new Feed().Run("g1", 0, 9);
        feed.Run("g1", 50, 60);

        var (engine, events) = Feed.Apply(Configs.Schedule(entryTick: 10, numBets: 2, cooldown: 5), feed.Ticks);

        var skipped = Assert.Single(events.OfType<BetSkipped>());
        Assert.Equal(0, skipped.ScheduleIndex);
        Assert.Equal(10, skipped.TargetTick);
        Assert.Equal("window_missed", skipped.Reason);
        Assert.Equal(1, engine.State.Stats.BetsSkipped);
        var placed = Assert.Single(events.OfType<BetPlaced>());
        Assert.Equal(55, placed.Bet.StartTick);
    }

    [Fact]
    public void Stake_is_rounded_down_to_the_quantum()
    {
        var (engine, events) = Feed.Apply(Configs.Schedule(stake: 0.0027m), new Feed().Round("g1", 20).Ticks);

        Assert.Equal(0.002m, Assert.Single(events.OfType<BetPlaced>()).Bet.Stake);
        Assert.Equal(0.108m, engine.State.Balance);
    }

    [Fact]
    public void Stake_never_exceeds_the_free_balance()
    {
        var (engine, events) = Feed.Apply(Configs.Schedule(stake: 0.01m, balance: 0.0015m), new Feed().Run("g1", 0, 20).Ticks);

        Assert.Equal(0.001m, Assert.Single(events.OfType<BetPlaced>()).Bet.Stake);
        Assert.Equal(0.0005m, engine.State.Balance);
    }

    [Fact]
    public void Bet_is_skipped_when_the_balance_is_below_the_minimum_stake()
    {
        var (engine, events) = Feed.Apply(Configs.Schedule(stake: 0.01m, balance: 0.0005m), new Feed().Run("g1", 0, 20).Ticks);

        Assert.Empty(events.OfType<BetPlaced>());
        Assert.Equal("insufficient_balance", Assert.Single(events.OfType<BetSkipped>()).Reason);
        Assert.Equal(0.0005m, engine.State.Balance);
    }

    [Fact]
    public void Redelivered_seq_is_ignored()
    {
        var feed = new Feed().Run("g1", 0, 15);
        var engine = new SessionEngine(Configs.Schedule());
        var events = new List<EngineEvent>();
        foreach (var tick in feed.Ticks)
        {
            Assert.True(engine.Apply(tick, events));
            Assert.False(engine.Apply(tick, events));
        }

        Assert.Single(events.OfType<BetPlaced>());
        Assert.Equal(16, engine.State.Stats.TicksProcessed);
    }
}
