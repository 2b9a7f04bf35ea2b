using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Engine.Tests;

public sealed class RiskTests
{
    [Fact]
    public void Max_drawdown_completes_the_session_at_the_tick_it_is_crossed()
    {
        var feed = new Feed().Run("g1", 0, 80);
        var config = Configs.Schedule(entryTick: 10, stake: 0.05m, risk: new RiskParameters { MaxDrawdownPct = 0.4m });

        var (engine, events) = Feed.Apply(config, feed.Ticks);

        var ended = Assert.Single(events.OfType<SessionEnded>());
        Assert.Equal(SessionStatus.Completed, ended.Status);
        Assert.Equal("max_drawdown", ended.Reason);
        Assert.Equal(feed.Ticks[50].Seq, ended.FeedSeq);
        Assert.Equal(SessionStatus.Completed, engine.State.Status);
        Assert.Equal("max_drawdown", engine.State.EndReason);
        Assert.Equal(feed.Ticks[50].Seq, engine.State.LastSeq);
        Assert.Equal(0.05m, engine.State.Balance);
    }

    [Fact]
    public void Take_profit_completes_the_session_at_the_winning_rug()
    {
        var feed = new Feed().Round("g1", 30).Round("g2", 30);
        var config = Configs.Schedule(entryTick: 10, stake: 0.01m, risk: new RiskParameters { TakeProfitTarget = 1.3m });

        var (engine, events) = Feed.Apply(config, feed.Ticks);

        var ended = Assert.Single(events.OfType<SessionEnded>());
        Assert.Equal("take_profit", ended.Reason);
        Assert.Equal(feed.Ticks[30].Seq, ended.FeedSeq);
        Assert.Single(events.OfType<BetPlaced>());
        Assert.Equal(0.14m, engine.State.Balance);
    }

    [Fact]
    public void Below_the_targets_the_session_keeps_running()
    {
        var config = Configs.Schedule(entryTick: 10, stake: 0.01m, risk: new RiskParameters { TakeProfitTarget = 1.5m, MaxDrawdownPct = 0.5m });

        var (engine, events) = Feed.Apply(config, new Feed().Round("g1", 30).Ticks);

        Assert.Empty(events.OfType<SessionEnded>());
        Assert.Equal(SessionStatus.Running, engine.State.Status);
    }

    [Fact]
    public void Daily_loss_limit_pauses_betting_until_the_next_utc_day()
    {
        var feed = new Feed();
        feed.Run("g1", 0, 400);
        feed.At = feed.At.AddDays(1);
        feed.Run("g2", 0, 20);
        var config = Configs.Schedule(entryTick: 10, numBets: 5, cooldown: 0, stake: 0.01m, risk: new RiskParameters { DailyLossLimit = 0.15m });

        var (engine, events) = Feed.Apply(config, feed.Ticks);

        // Day 1 starts at 0.1: losses of 0.01 at ticks 50 and 90 reach 0.02 >= 0.015; bets 3 to 5 of that day are skipped.
        Assert.Equal([(string)"g1", "g1", "g2"], events.OfType<BetPlaced>().Select(p => p.Bet.GameId));
        var skipped = events.OfType<BetSkipped>().ToList();
        Assert.Equal([90, 130, 170], skipped.Select(k => k.TargetTick));
        Assert.All(skipped, k => Assert.Equal("daily_loss_limit", k.Reason));
        Assert.Equal(feed.Ticks[90].Seq, skipped[0].FeedSeq);
        Assert.True(engine.State.DailyLimitHit is false);
        Assert.Equal(new DateOnly(2026, 1, 13), engine.State.Day);
        Assert.Equal(SessionStatus.Running, engine.State.Status);
        Assert.Equal(1, engine.State.Stats.DailyLossLimitHits);
        Assert.Equal(0.08m, engine.State.DayStartEquity);
    }

    [Fact]
    public void Stop_voids_open_bets_and_ends_the_session()
    {
        var feed = new Feed().Run("g1", 0, 20);
        var (engine, events) = Feed.Apply(Configs.Schedule(entryTick: 10, stake: 0.01m), feed.Ticks);

        engine.Stop("user", events);

        Assert.Equal(BetOutcomeVoided, events.OfType<BetSettled>().Single().Outcome);
        Assert.Equal(SessionStatus.Stopped, engine.State.Status);
        Assert.Equal(0.1m, engine.State.Balance);
        Assert.False(engine.Apply(new Feed().Active("g1", 21) with { Seq = 999 }, events));
    }

    private const Wallet.BetOutcome BetOutcomeVoided = Wallet.BetOutcome.Voided;
}
