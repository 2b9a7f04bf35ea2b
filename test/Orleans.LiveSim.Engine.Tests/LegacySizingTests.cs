using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Engine.Tests;

/// <summary>The legacy sizing profile stakes what the legacy live simulator staked, held against an independent writing of its formulas.</summary>
public sealed class LegacySizingTests
{
    private static SizingParameters Legacy(bool kelly = false, bool dynamic = false, bool drawdown = false, decimal multiplier = 2m, decimal fraction = 0.25m) => new()
    {
        Profile = SizingProfile.Legacy,
        Mode = kelly ? SizingMode.Kelly : SizingMode.Fixed,
        DynamicSizing = dynamic,
        DynamicMultiplier = multiplier,
        ReduceOnDrawdown = drawdown,
        KellyFraction = fraction,
    };

    [Theory]
    [InlineData(0.0075, "0.007")]    // the float is 0.00749999999999999972...
    [InlineData(0.0325, "0.033")]    // 0.03250000000000000111...
    [InlineData(0.0625, "0.062")]    // exactly a tie: to even
    [InlineData(0.0635, "0.064")]    // 0.06350000000000000033...
    [InlineData(0.00845, "0.008")]
    [InlineData(2.675, "2.675")]
    public void Rounding_is_pythons_round_half_even_on_the_floats_value(double value, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), LegacySizing.RoundHalfEven(value, 3));
        Assert.Equal(LegacyFormula.PythonRound3(value), LegacySizing.RoundHalfEven(value, 3));
    }

    [Fact]
    public void Kelly_assumes_a_60_percent_win_rate_of_the_free_balance_divided_over_4_bets()
    {
        var state = new SessionState { StartingBalance = 1m, Balance = 1m, PeakBalance = 1m, PeakEquity = 1m };

        var trace = new Sizer(Legacy(kelly: true)).Trace(state, 219, 0, 0.001m)!;

        // 1.0 * 0.52 * 0.25 / 4 = 0.0325 in decimals, 0.03250000000000000111 as a float: 0.033 (not 0.032).
        Assert.Equal(0.033m, trace.Wanted);
        Assert.Equal(1m, trace.Bankroll);
        Assert.Equal(SizingProfile.Legacy, trace.Profile);
    }

    [Fact]
    public void Dynamic_sizing_always_multiplies_without_a_confidence()
    {
        var state = new SessionState { StartingBalance = 0.1m, Balance = 0.1m, PeakBalance = 0.1m };

        var trace = new Sizer(Legacy(dynamic: true, multiplier: 3m)).Trace(state, 219, 0, 0.002m)!;

        Assert.Equal(0.006m, trace.Wanted);
        Assert.Equal(3m, trace.DynamicFactor);
        Assert.Null(trace.Confidence);
    }

    [Theory]
    [InlineData("0.096", "0.004")]   // dd 0.04: not over 5 %, no reduction
    [InlineData("0.08", "0.003")]    // dd 0.2: x 0.8 -> 0.0032
    [InlineData("0.005", "0.001")]   // dd 0.95: x (1 - 0.9) -> 0.0004, floor 0.001
    public void Drawdown_reduces_by_one_minus_min_0_9_and_dd_once_over_5_percent_of_the_peak_wallet(string wallet, string expected)
    {
        var w = decimal.Parse(wallet, System.Globalization.CultureInfo.InvariantCulture);
        // Equity is irrelevant: the legacy measured the free balance against its peak at rugs.
        var state = new SessionState { StartingBalance = 0.1m, Balance = w, InBets = 0.5m, PeakEquity = 10m, PeakBalance = 0.1m };

        var wanted = new Sizer(Legacy(drawdown: true)).Trace(state, 219, 0, 0.004m)!.Wanted;

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), wanted);
        Assert.Equal(LegacyFormula.Stake(w, 0.1m, [0.004m], 1, false, 0.25m, false, 2m, true), wanted);
    }

    [Fact]
    public void A_bet_beyond_the_list_of_stakes_stakes_0_001_rather_than_the_last_one()
    {
        var legacy = new StrategyParameters { BetSizes = [0.005m, 0.004m], Sizing = Legacy() };
        var standard = legacy with { Sizing = new SizingParameters() };

        Assert.Equal([0.005m, 0.004m, 0.001m, 0.001m], Enumerable.Range(0, 4).Select(legacy.BaseStake));
        Assert.Equal([0.005m, 0.004m, 0.004m, 0.004m], Enumerable.Range(0, 4).Select(standard.BaseStake));
    }

    [Fact]
    public void The_stake_is_capped_at_the_free_balance_instead_of_skipping_the_bet()
    {
        var config = Configs.Schedule(entryTick: 5, stake: 0.05m, balance: 0.03m, sizing: Legacy());

        var (_, events) = Feed.Apply(config, new Feed().Run("g1", 0, 6).Ticks);

        Assert.Equal(0.03m, Assert.Single(events.OfType<BetPlaced>()).Bet.Stake);
    }

    [Fact]
    public void Every_stake_of_a_legacy_kelly_session_is_the_legacy_formula_of_its_wallet_and_peak_bet_by_bet()
    {
        var parameters = new StrategyParameters
        {
            EntryTick = 2,
            NumBets = 3,
            Cooldown = 0,
            BetSizes = [0.001m],
            Sizing = Legacy(kelly: true, dynamic: true, drawdown: true, multiplier: 2m),
        };
        var config = new SessionConfig(0.2m, TickScheduleStrategy.StrategyId, parameters, SidebetRules.Default);
        // Rounds that rug early (wins), late (losses) and in between, so the wallet rises over its peak and falls under it.
        var feed = new Feed();
        int[] rugs = [30, 150, 150, 150, 61, 150, 12, 150, 150, 150, 150, 95, 150, 44];
        for (var i = 0; i < rugs.Length; i++)
        {
            feed.Round($"g{i:00}", rugs[i]);
        }

        var (engine, events) = Feed.Apply(config, feed.Ticks);

        var peak = config.StartingBalance;
        var checkedBets = 0;
        var wallet = config.StartingBalance;
        foreach (var e in events)
        {
            switch (e)
            {
                case BetPlaced p:
                    Assert.Equal(LegacyFormula.Stake(wallet, peak, parameters.BetSizes, p.Bet.ScheduleIndex + 1, true, 0.25m, true, 2m, true), p.Bet.Stake);
                    wallet = p.BalanceAfter;
                    checkedBets++;
                    break;
                case BetSettled s:
                    wallet = s.BalanceAfter;
                    break;
                case GameEnded { RugTick: not null }:
                    peak = Math.Max(peak, wallet);
                    break;
            }
        }

        Assert.True(checkedBets >= 30, $"only {checkedBets} bets");
        Assert.Contains(events.OfType<BetSettled>(), s => s.Outcome == Wallet.BetOutcome.Won);
        Assert.True(events.OfType<BetPlaced>().Select(p => p.Bet.Stake).Distinct().Count() > 3, "the stakes should vary with the wallet");
        Assert.Equal(peak, engine.State.PeakBalance);
    }
}
