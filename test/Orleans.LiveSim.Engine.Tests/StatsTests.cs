using System.Text.Json;
using Orleans.LiveSim.Engine.Stats;

namespace Orleans.LiveSim.Engine.Tests;

public sealed class StatsTests
{
    // Bets of 0.01 at ticks 10 and 50. g1 rugs at 30 (+0.04), g2 at 70 (-0.01 + 0.04), g3 at 200 (-0.02), g4 at 5 (no bet).
    private static SessionStats Run()
    {
        var feed = new Feed().Round("g1", 30).Round("g2", 70).Round("g3", 200).Round("g4", 5);
        return Feed.Apply(Configs.Schedule(entryTick: 10, numBets: 2, cooldown: 0, stake: 0.01m), feed.Ticks).Engine.State.Stats;
    }

    [Fact]
    public void Counts_games_and_bets()
    {
        var stats = Run();

        Assert.Equal((4L, 3L, 2L, 1L), (stats.GamesSeen, stats.GamesBet, stats.GamesWon, stats.GamesLost));
        Assert.Equal((5L, 2L, 3L, 0L), (stats.BetsPlaced, stats.BetsWon, stats.BetsLost, stats.BetsVoided));
        Assert.Equal(66.6667m, stats.GameWinRatePct);
        Assert.Equal(40m, stats.WinRatePct);
        Assert.Equal(0.05m, stats.NetPnl);
        Assert.Equal(100m, stats.RoiPct);
    }

    [Fact]
    public void Profit_factor_is_gross_wins_over_gross_losses()
    {
        var stats = Run();

        Assert.Equal(0.08m, stats.GrossWins);
        Assert.Equal(0.03m, stats.GrossLosses);
        Assert.Equal(2.6667m, stats.ProfitFactor);
    }

    [Fact]
    public void Sharpe_is_mean_over_population_stddev_of_per_game_pnl()
    {
        var stats = Run();

        Assert.Equal(3, stats.GamePnlCount);
        Assert.Equal(0.05m, stats.GamePnlSum);
        Assert.Equal(0.0029m, stats.GamePnlSumSquares);
        Assert.Equal(0.635001m, stats.SharpeRatio);
    }

    [Fact]
    public void Streaks_and_drawdown_follow_the_settlements()
    {
        var stats = Run();

        Assert.Equal((1, 2), (stats.LongestWinningStreak, stats.LongestLosingStreak));
        Assert.Equal(0.02m, stats.MaxDrawdownAmount);
        Assert.Equal(0.117647m, stats.MaxDrawdownFraction);
        Assert.Equal(11.7647m, stats.MaxDrawdownPct);
    }

    [Fact]
    public void Equity_curve_has_a_point_per_settlement_and_per_game_bet()
    {
        var stats = Run();

        Assert.Equal([0.14m, 0.13m, 0.17m, 0.16m, 0.15m], stats.EquityCurve.Select(p => p.Equity));
        Assert.Equal([0.14m, 0.17m, 0.15m], stats.GameEquityCurve.Select(p => p.Equity));
        Assert.True(stats.EquityCurve.Zip(stats.EquityCurve.Skip(1)).All(x => x.First.Seq < x.Second.Seq));
    }

    [Fact]
    public void Equity_curves_stay_bounded_over_long_sessions()
    {
        var feed = new Feed();
        for (var i = 0; i < 1500; i++)
        {
            feed.Round($"g{i}", i % 3 == 0 ? 20 : 52);
        }

        var stats = Feed.Apply(Configs.Schedule(entryTick: 10, stake: 0.001m, balance: 10m), feed.Ticks).Engine.State.Stats;

        Assert.Equal(1500, stats.GamePnlCount);
        Assert.Equal(SessionStats.EquityCurveLimit, stats.EquityCurve.Count);
        Assert.Equal(4, stats.GameEquityStride);
        Assert.Equal(375, stats.GameEquityCurve.Count);
    }

    [Fact]
    public void Stats_round_trip_through_json_with_their_derived_figures()
    {
        var stats = Run();

        var json = JsonSerializer.Serialize(stats);
        var back = JsonSerializer.Deserialize<SessionStats>(json)!;

        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.Contains("\"SharpeRatio\":0.635001", json);
        Assert.Contains("\"ProfitFactor\":2.6667", json);
    }
}
