using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Wallet;

namespace Orleans.LiveSim.Engine.Tests;

public sealed class SettlementTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(49)]
    public void Rug_inside_window_pays_five_times_stake(int rugTick)
    {
        var (engine, events) = Feed.Apply(Configs.Schedule(entryTick: 10, stake: 0.01m), new Feed().Round("g1", rugTick).Ticks);

        var placed = Assert.Single(events.OfType<BetPlaced>());
        Assert.Equal(10, placed.Bet.StartTick);
        Assert.Equal(50, placed.Bet.EndTick);
        var settled = Assert.Single(events.OfType<BetSettled>());
        Assert.Equal(BetOutcome.Won, settled.Outcome);
        Assert.Equal(0.05m, settled.Returned);
        Assert.Equal(rugTick, settled.RugTick);
        Assert.Equal(0.14m, engine.State.Balance);
        Assert.Equal(0m, engine.State.InBets);
        Assert.Equal(0.04m, engine.State.Stats.NetPnl);
    }

    [Fact]
    public void Rug_on_the_bet_tick_itself_wins()
    {
        var feed = new Feed().Run("g1", 0, 10);
        feed.Rug("g1", 10);

        var (engine, events) = Feed.Apply(Configs.Schedule(entryTick: 10, stake: 0.01m), feed.Ticks);

        var settled = Assert.Single(events.OfType<BetSettled>());
        Assert.Equal(BetOutcome.Won, settled.Outcome);
        Assert.Equal(0.14m, engine.State.Balance);
    }

    [Fact]
    public void Rug_at_window_end_loses_the_stake()
    {
        var (engine, events) = Feed.Apply(Configs.Schedule(entryTick: 10, stake: 0.01m), new Feed().Round("g1", 50).Ticks);

        var settled = Assert.Single(events.OfType<BetSettled>());
        Assert.Equal(BetOutcome.Lost, settled.Outcome);
        Assert.Equal(0m, settled.Returned);
        Assert.Equal(0.09m, engine.State.Balance);
        Assert.Equal(-0.01m, engine.State.Stats.NetPnl);
    }

    [Fact]
    public void Bet_still_open_at_window_end_is_lost_on_the_first_tick_past_it()
    {
        var feed = new Feed().Run("g1", 0, 60);

        var (engine, events) = Feed.Apply(Configs.Schedule(entryTick: 10, stake: 0.01m), feed.Ticks);

        var settled = Assert.Single(events.OfType<BetSettled>());
        Assert.Equal(BetOutcome.Lost, settled.Outcome);
        Assert.Equal(feed.Ticks[50].Seq, settled.FeedSeq);
        Assert.Equal(0.09m, engine.State.Balance);
    }

    [Fact]
    public void No_bet_is_placed_on_a_rugged_tick()
    {
        var (engine, events) = Feed.Apply(Configs.Schedule(entryTick: 10), new Feed().Round("g1", 10).Ticks);

        Assert.Empty(events.OfType<BetPlaced>());
        Assert.Equal(0, engine.State.Stats.BetsPlaced);
        Assert.Equal(0.1m, engine.State.Balance);
    }

    [Fact]
    public void Round_whose_rug_was_never_seen_voids_its_bet_and_returns_the_stake()
    {
        var feed = new Feed().Run("g1", 0, 20);
        feed.Run("g2", 0, 2);

        var (engine, events) = Feed.Apply(Configs.Schedule(entryTick: 10, stake: 0.01m), feed.Ticks);

        var settled = Assert.Single(events.OfType<BetSettled>());
        Assert.Equal(BetOutcome.Voided, settled.Outcome);
        Assert.Equal(0.01m, settled.Returned);
        Assert.Equal(0.1m, engine.State.Balance);
        Assert.Equal(1, engine.State.Stats.BetsVoided);
        Assert.Equal(0m, engine.State.Stats.NetPnl);
    }
}
