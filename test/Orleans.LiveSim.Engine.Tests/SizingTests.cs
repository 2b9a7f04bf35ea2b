using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Engine.Tests;

public sealed class SizingTests
{
    private static readonly SidebetRules Rules = SidebetRules.Default;

    private static SessionState State(decimal balance = 0.1m, decimal inBets = 0m, decimal? peak = null, int wins = 0, int losses = 0,
        int winStreak = 0, int loseStreak = 0, IEnumerable<int>? rugs = null) => new()
        {
            StartingBalance = 0.1m,
            Balance = balance,
            InBets = inBets,
            PeakEquity = peak ?? (balance + inBets),
            Stats = new() { BetsWon = wins, BetsLost = losses, CurrentWinStreak = winStreak, CurrentLoseStreak = loseStreak },
            RecentRugTicks = rugs?.ToList() ?? [],
        };

    private static decimal Stake(SizingParameters sizing, SessionState state, decimal baseStake, int startTick = 219, RiskParameters? risk = null)
    {
        var wanted = new Sizer(sizing, Rules, risk).Size(state, startTick, 0, baseStake);
        Assert.NotNull(wanted);
        return Rules.ClampStake(wanted.Value, state.Balance);
    }

    [Fact]
    public void Fixed_stakes_the_base_stake()
    {
        Assert.Equal(0.003m, Stake(new SizingParameters(), State(), 0.003m));
    }

    [Theory]
    [InlineData("0.3", "0.25", "0.1", "0.003")]    // f* = (4*0.3 - 0.7)/4 = 0.125; 0.25 * 0.125 * 0.1 = 0.003125
    [InlineData("0.5", "0.5", "1.0", "0.187")]     // f* = (2 - 0.5)/4 = 0.375; 0.5 * 0.375 * 1 = 0.1875
    [InlineData("0.6", "1", "10", "1.0")]          // f* = (2.4 - 0.4)/4 = 0.5; 1 * 0.5 * 10 = 5 -> max stake 1.0
    public void Kelly_stakes_the_fraction_of_the_kelly_optimal_share_of_equity(string winRate, string fraction, string equity, string expected)
    {
        var sizing = new SizingParameters { Mode = SizingMode.Kelly, WinRate = decimal.Parse(winRate), KellyFraction = decimal.Parse(fraction) };

        Assert.Equal(decimal.Parse(expected), Stake(sizing, State(balance: decimal.Parse(equity)), 0.001m));
    }

    [Fact]
    public void Kelly_counts_stakes_in_open_bets_as_equity()
    {
        var sizing = new SizingParameters { Mode = SizingMode.Kelly, WinRate = 0.5m, KellyFraction = 0.5m };

        // Equity 0.6 + 0.4 = 1.0 -> 0.1875, rounded down to 0.187.
        Assert.Equal(0.187m, Stake(sizing, State(balance: 0.6m, inBets: 0.4m), 0.001m));
    }

    [Fact]
    public void Kelly_optimal_fraction_for_the_legacy_win_rate_is_negative()
    {
        Assert.Equal(-0.01875m, Sizer.KellyOptimalFraction(0.185m, 5m));
    }

    [Fact]
    public void Kelly_without_edge_falls_back_to_the_base_stake()
    {
        Assert.Equal(0.004m, Stake(new SizingParameters { Mode = SizingMode.Kelly }, State(), 0.004m));
    }

    [Fact]
    public void Kelly_without_edge_skips_when_told_to()
    {
        var sizer = new Sizer(new SizingParameters { Mode = SizingMode.Kelly, KellyNoEdge = KellyNoEdge.Skip }, Rules);

        Assert.Null(sizer.Size(State(), 219, 0, 0.004m));
    }

    [Theory]
    [InlineData(0, "0.001")]
    [InlineData(1, "0.002")]
    [InlineData(2, "0.004")]
    [InlineData(3, "0.008")]
    [InlineData(7, "0.008")]
    public void Martingale_doubles_after_each_loss_up_to_the_cap(int losingStreak, string expected)
    {
        var sizing = new SizingParameters { Mode = SizingMode.Martingale, LossStreakMultiplier = 2m, MaxLossMultiplier = 8m };

        Assert.Equal(decimal.Parse(expected), Stake(sizing, State(loseStreak: losingStreak), 0.001m));
    }

    [Theory]
    [InlineData(0, "0.01")]
    [InlineData(1, "0.013")]
    [InlineData(2, "0.016")]   // 0.01 * 1.69 = 0.0169
    [InlineData(3, "0.02")]    // 1.3^3 = 2.197 -> cap 2
    [InlineData(40, "0.02")]
    public void Anti_martingale_grows_with_the_winning_streak_up_to_the_cap(int winningStreak, string expected)
    {
        var sizing = new SizingParameters { Mode = SizingMode.AntiMartingale, WinStreakMultiplier = 1.3m, MaxStreakMultiplier = 2m };

        Assert.Equal(decimal.Parse(expected), Stake(sizing, State(winStreak: winningStreak), 0.01m));
    }

    [Theory]
    [InlineData(0, 0, "0.01")]     // posterior = prior 0.185 -> factor 1
    [InlineData(5, 5, "0.015")]    // (3.7 + 5) / 30 = 0.29 -> 0.29 / 0.185 = 1.5676 -> 0.015676
    [InlineData(0, 30, "0.005")]   // 3.7 / 50 = 0.074 -> 0.4 -> thetaBase 0.5
    [InlineData(20, 0, "0.02")]    // 23.7 / 40 = 0.5925 -> 3.2 -> thetaMax 2
    [InlineData(2, 18, "0.007")]   // 5.7 / 40 = 0.1425 -> 0.77027 -> 0.0077027, rounded down
    public void Theta_bayesian_scales_by_posterior_over_prior_win_rate_within_theta_bounds(int wins, int losses, string expected)
    {
        var sizing = new SizingParameters { Mode = SizingMode.ThetaBayesian, WinRate = 0.185m, ThetaPriorWeight = 20m, ThetaBase = 0.5m, ThetaMax = 2m };

        Assert.Equal(decimal.Parse(expected), Stake(sizing, State(wins: wins, losses: losses), 0.01m));
    }

    [Fact]
    public void Dynamic_multiplies_when_observed_confidence_reaches_the_threshold()
    {
        // 20 rounds lasted to tick 219: 12 rugged in [219, 259) -> 60 %; rounds that ended before 219 do not count.
        int[] rugs = [.. Enumerable.Repeat(230, 12), .. Enumerable.Repeat(300, 8), .. Enumerable.Repeat(100, 50)];
        var sizing = new SizingParameters { DynamicSizing = true, DynamicThreshold = 60m, DynamicMultiplier = 2.5m, DynamicMinSamples = 20 };

        Assert.Equal(60m, Sizer.Confidence(State(rugs: rugs), 219, 40, 20));
        Assert.Equal(0.007m, Stake(sizing, State(rugs: rugs), 0.003m)); // 0.0075 rounded down
        Assert.Equal(0.003m, Stake(sizing with { DynamicThreshold = 61m }, State(rugs: rugs), 0.003m));
    }

    [Fact]
    public void Dynamic_does_not_multiply_before_enough_rounds_were_seen()
    {
        int[] rugs = [.. Enumerable.Repeat(230, 19)];
        var sizing = new SizingParameters { Mode = SizingMode.Dynamic, DynamicThreshold = 50m, DynamicMultiplier = 2m, DynamicMinSamples = 20 };

        Assert.Null(Sizer.Confidence(State(rugs: rugs), 219, 40, 20));
        Assert.Equal(0.003m, Stake(sizing, State(rugs: rugs), 0.003m));
    }

    [Theory]
    [InlineData("0.095", "0.004")]  // drawdown 0.05 <= 0.1: unchanged
    [InlineData("0.08", "0.003")]   // drawdown 0.2: 1 - 0.1 / 0.4 = 0.75 -> 0.003
    [InlineData("0.06", "0.002")]   // drawdown 0.4: 1 - 0.3 / 0.4 = 0.25 -> 0.001 -> floor 0.5 -> 0.002
    [InlineData("0.04", "0.002")]   // drawdown 0.6: past the limit -> floor 0.5
    public void Drawdown_reduction_shrinks_the_stake_linearly_past_the_threshold(string equity, string expected)
    {
        var sizing = new SizingParameters { Mode = SizingMode.DrawdownReduced, DrawdownThreshold = 0.1m, DrawdownFloor = 0.5m };
        var risk = new RiskParameters { MaxDrawdownPct = 0.5m };

        Assert.Equal(decimal.Parse(expected), Stake(sizing, State(balance: decimal.Parse(equity), peak: 0.1m), 0.004m, risk: risk));
    }

    [Fact]
    public void Modifiers_apply_on_top_of_the_mode()
    {
        int[] rugs = [.. Enumerable.Repeat(230, 20)];
        var sizing = new SizingParameters
        {
            Mode = SizingMode.Kelly, WinRate = 0.3m, KellyFraction = 0.25m,
            DynamicSizing = true, DynamicThreshold = 55m, DynamicMultiplier = 2m,
            ReduceOnDrawdown = true, DrawdownThreshold = 0m, DrawdownFloor = 0.1m,
        };

        // Kelly: 0.25 * 0.125 * 0.08 = 0.0025; dynamic x2 = 0.005; drawdown 0.2 of limit 1: 1 - 0.2 = 0.8 -> 0.004.
        Assert.Equal(0.004m, Stake(sizing, State(balance: 0.08m, peak: 0.1m, rugs: rugs), 0.001m));
    }

    [Fact]
    public void Engine_counts_a_kelly_bet_without_edge_as_skipped_when_told_to_skip()
    {
        var config = Configs.Schedule(sizing: new SizingParameters { Mode = SizingMode.Kelly, KellyNoEdge = KellyNoEdge.Skip });

        var (engine, events) = Feed.Apply(config, new Feed().Run("g1", 0, 20).Ticks);

        Assert.Equal("no_edge", Assert.Single(events.OfType<BetSkipped>()).Reason);
        Assert.Equal(0, engine.State.Stats.BetsPlaced);
    }

    [Fact]
    public void Engine_sizes_the_next_martingale_bet_from_the_settled_loss()
    {
        var config = Configs.Schedule(entryTick: 10, numBets: 3, cooldown: 0, stake: 0.001m,
            sizing: new SizingParameters { Mode = SizingMode.Martingale });

        var (_, events) = Feed.Apply(config, new Feed().Round("g1", 125).Ticks);

        // Bets at 10 and 50 lose by expiry; the third (at 90) doubles twice and wins at 125.
        Assert.Equal([0.001m, 0.002m, 0.004m], events.OfType<BetPlaced>().Select(p => p.Bet.Stake));
    }
}
