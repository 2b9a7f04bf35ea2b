using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Engine.Configuration;

/// <summary>
/// The parameters of the tick-schedule strategy, in the order the catalogue lists them, and the rules a parameter set
/// must keep (bounds, stakes, thetaBase &lt;= thetaMax). Requests are checked against these rules before a session starts.
/// </summary>
public static class TickScheduleParameterSpecs
{
    /// <summary>Most bets a round may have (<c>numBets</c>), and so most useful entries of <c>betSizes</c>.</summary>
    public const int MaxBetsPerRound = 100;

    /// <summary>Largest placement latency and jitter, in either unit.</summary>
    public const decimal MaxLatency = 100_000m;

    public static IReadOnlyList<ParameterSpec> All { get; } =
    [
        ParameterSpec.Int("entryTick", 0, 5000, "Tick of the first bet in a round.",
            p => p.EntryTick, (p, v) => p with { EntryTick = v }),
        ParameterSpec.Int("numBets", 1, MaxBetsPerRound, "Bets per round.",
            p => p.NumBets, (p, v) => p with { NumBets = v }),
        ParameterSpec.Int("cooldown", 0, 5000, "Ticks between the end of one bet's window and the next bet.",
            p => p.Cooldown, (p, v) => p with { Cooldown = v }),
        new ParameterSpec("betSizes", "number[]", null, null,
            $"Base stake of the k-th bet of a round; the last repeats when shorter than numBets, extra entries are unused (1 to {MaxBetsPerRound} entries). Clamped to the rules and rounded down to 0.001 when staking (0.0027 stakes 0.002).",
            null,
            p => p.BetSizes,
            (p, v) => p with { BetSizes = [.. (IEnumerable<decimal>)v!] }),
        ParameterSpec.Choice("sizing", SizingModeNames.All,
            "Sizing mode: fixed (betSizes), kelly (kellyFraction * f* * equity, f* = (4p - (1-p))/4, p = winRate), dynamic (fixed + dynamicSizing), drawdown-reduced (fixed + reduceOnDrawdown), martingale (base * min(lossStreakMultiplier^losingStreak, maxLossMultiplier)), anti-martingale (base * min(winStreakMultiplier^winningStreak, maxStreakMultiplier)), theta-bayesian (base * clamp(posteriorWinRate / winRate, thetaBase, thetaMax)).",
            p => SizingModeNames.Name(p.Sizing.Mode),
            (p, v) => SizingModeNames.TryParse(v, out var m) && v == SizingModeNames.Name(m) ? p with { Sizing = p.Sizing with { Mode = m } } : null),
        ParameterSpec.Number("kellyFraction", 0.0001m, 1m, "Kelly: fraction of the full Kelly stake.",
            p => p.Sizing.KellyFraction, (p, v) => p with { Sizing = p.Sizing with { KellyFraction = v } }),
        ParameterSpec.Number("winRate", 0.0001m, 0.9999m, "Assumed win probability of a bet: Kelly's p and the theta-Bayesian prior mean (legacy monte_carlo win_rate_assumption).",
            p => p.Sizing.WinRate, (p, v) => p with { Sizing = p.Sizing with { WinRate = v } }),
        ParameterSpec.Choice("kellyNoEdge", ["base", "skip"], "Kelly: what to do when f* <= 0 (as for the default winRate): bet the base stake or skip the bet.",
            p => p.Sizing.KellyNoEdge == KellyNoEdge.Skip ? "skip" : "base",
            (p, v) => v switch
            {
                "base" => p with { Sizing = p.Sizing with { KellyNoEdge = KellyNoEdge.BaseStake } },
                "skip" => p with { Sizing = p.Sizing with { KellyNoEdge = KellyNoEdge.Skip } },
                _ => null,
            }),
        ParameterSpec.Bool("dynamicSizing", "Multiply the stake by dynamicMultiplier for high-confidence bets (with any sizing mode).",
            p => p.Sizing.DynamicSizing, (p, v) => p with { Sizing = p.Sizing with { DynamicSizing = v } }),
        ParameterSpec.Number("dynamicThreshold", 0m, 100m, "Confidence in percent at or above which a bet is high-confidence. Confidence of a bet at tick t: share of the session's last 1000 observed rounds that lasted to t and rugged within [t, t+40).",
            p => p.Sizing.DynamicThreshold, (p, v) => p with { Sizing = p.Sizing with { DynamicThreshold = v } }),
        ParameterSpec.Number("dynamicMultiplier", 1m, 10m, "Stake multiplier of a high-confidence bet.",
            p => p.Sizing.DynamicMultiplier, (p, v) => p with { Sizing = p.Sizing with { DynamicMultiplier = v } }),
        ParameterSpec.Int("dynamicMinSamples", 1, 1000, "Observed rounds that must have lasted to t before a confidence is used.",
            p => p.Sizing.DynamicMinSamples, (p, v) => p with { Sizing = p.Sizing with { DynamicMinSamples = v } }),
        ParameterSpec.Bool("reduceOnDrawdown", "Shrink stakes linearly from drawdownThreshold down to drawdownFloor at maxDrawdownPct (or at a drawdown of 1).",
            p => p.Sizing.ReduceOnDrawdown, (p, v) => p with { Sizing = p.Sizing with { ReduceOnDrawdown = v } }),
        ParameterSpec.Number("drawdownThreshold", 0m, 0.9999m, "Drawdown fraction from peak equity up to which stakes are not reduced.",
            p => p.Sizing.DrawdownThreshold, (p, v) => p with { Sizing = p.Sizing with { DrawdownThreshold = v } }),
        ParameterSpec.Number("drawdownFloor", 0.0001m, 1m, "Smallest stake factor a drawdown reduction applies.",
            p => p.Sizing.DrawdownFloor, (p, v) => p with { Sizing = p.Sizing with { DrawdownFloor = v } }),
        ParameterSpec.Number("lossStreakMultiplier", 1m, 10m, "Martingale: stake multiplier per consecutive lost bet (reset by a win).",
            p => p.Sizing.LossStreakMultiplier, (p, v) => p with { Sizing = p.Sizing with { LossStreakMultiplier = v } }),
        ParameterSpec.Number("maxLossMultiplier", 1m, 1000m, "Martingale: cap of the cumulative multiplier.",
            p => p.Sizing.MaxLossMultiplier, (p, v) => p with { Sizing = p.Sizing with { MaxLossMultiplier = v } }),
        ParameterSpec.Number("winStreakMultiplier", 1m, 10m, "Anti-martingale: stake multiplier per consecutive won bet (reset by a loss).",
            p => p.Sizing.WinStreakMultiplier, (p, v) => p with { Sizing = p.Sizing with { WinStreakMultiplier = v } }),
        ParameterSpec.Number("maxStreakMultiplier", 1m, 1000m, "Anti-martingale: cap of the cumulative multiplier.",
            p => p.Sizing.MaxStreakMultiplier, (p, v) => p with { Sizing = p.Sizing with { MaxStreakMultiplier = v } }),
        ParameterSpec.Number("thetaBase", 0.0001m, 100m, "Theta-Bayesian: smallest stake multiplier (must not exceed thetaMax).",
            p => p.Sizing.ThetaBase, (p, v) => p with { Sizing = p.Sizing with { ThetaBase = v } }),
        ParameterSpec.Number("thetaMax", 0.0001m, 100m, "Theta-Bayesian: largest stake multiplier.",
            p => p.Sizing.ThetaMax, (p, v) => p with { Sizing = p.Sizing with { ThetaMax = v } }),
        ParameterSpec.Number("thetaPriorWeight", 0.0001m, 1000000m, "Theta-Bayesian: weight of the winRate prior in pseudo-bets (alpha0 = winRate * w, beta0 = (1 - winRate) * w).",
            p => p.Sizing.ThetaPriorWeight, (p, v) => p with { Sizing = p.Sizing with { ThetaPriorWeight = v } }),
        ParameterSpec.Bool("volatilityScaling", "Legacy v2 use_volatility_scaling: accepted and shown, not applied (the legacy system never defined the volatility measure).",
            p => p.Sizing.VolatilityScaling, (p, v) => p with { Sizing = p.Sizing with { VolatilityScaling = v } }),
        ParameterSpec.OptionalNumber("maxDrawdownPct", 0.0001m, 1m, "Complete the session (reason max_drawdown) when drawdown from peak equity reaches this fraction.",
            p => p.Risk.MaxDrawdownPct, (p, v) => p with { Risk = p.Risk with { MaxDrawdownPct = v } }),
        ParameterSpec.OptionalNumber("takeProfitTarget", 1.0001m, 1000m, "Complete the session (reason take_profit) when equity reaches this multiple of the starting balance.",
            p => p.Risk.TakeProfitTarget, (p, v) => p with { Risk = p.Risk with { TakeProfitTarget = v } }),
        ParameterSpec.OptionalNumber("dailyLossLimit", 0.0001m, 1m, "Stop placing bets for the rest of the UTC day (of the ticks' receivedAt) once the day's loss reaches this fraction of the equity at the day's start.",
            p => p.Risk.DailyLossLimit, (p, v) => p with { Risk = p.Risk with { DailyLossLimit = v } }),
        ParameterSpec.Choice("sizingProfile", ["standard", "legacy"],
            "Which formulas size the stakes: standard (ours, above) or legacy (the legacy live simulator's, bet for bet: base betSizes[k] or 0.001 beyond the list; kelly = max(0.0001, balance * 0.52 * kellyFraction / 4); dynamicSizing always multiplies by dynamicMultiplier; reduceOnDrawdown multiplies by 1 - min(0.9, dd) once the drawdown dd of the free balance from its peak at a rug exceeds 0.05; rounded half to even to 0.001 as Python rounds a float; capped at the free balance). Legacy strategy files get legacy.",
            p => p.Sizing.Profile == SizingProfile.Legacy ? "legacy" : "standard",
            (p, v) => v switch
            {
                "standard" => p with { Sizing = p.Sizing with { Profile = SizingProfile.Standard } },
                "legacy" => p with { Sizing = p.Sizing with { Profile = SizingProfile.Legacy } },
                _ => null,
            }),
        ParameterSpec.Number("placementLatency", 0m, MaxLatency, "How long after the strategy decides a bet it is placed, in placementLatencyUnit: on the first bettable tick at or after that delay in the same round (a round that ends first skips the bet, reason round_ended). 0 (default) places it on the decision tick. The provider's capture has ticks a median 249 ms apart (p90 387 ms, README): 1 tick or 250 ms is a realistic order round trip, 2 ticks a cautious one.",
            p => p.Latency.Amount, (p, v) => p with { Latency = p.Latency with { Amount = v } }),
        ParameterSpec.Choice("placementLatencyUnit", ["ticks", "ms"], "Unit of placementLatency and placementLatencyJitter: ticks of the round, or milliseconds of the feed's receive times (receivedAt).",
            p => p.Latency.Unit == LatencyUnit.Milliseconds ? "ms" : "ticks",
            (p, v) => v switch
            {
                "ticks" => p with { Latency = p.Latency with { Unit = LatencyUnit.Ticks } },
                "ms" => p with { Latency = p.Latency with { Unit = LatencyUnit.Milliseconds } },
                _ => null,
            }),
        ParameterSpec.Number("placementLatencyJitter", 0m, MaxLatency, "A random extra delay per bet, uniform in [0, placementLatencyJitter] (whole ticks in ticks), drawn from placementLatencySeed, the round and the bet's index: the same seed gives the same delays on every run. 0 (default): a fixed delay.",
            p => p.Latency.Jitter, (p, v) => p with { Latency = p.Latency with { Jitter = v } }),
        ParameterSpec.Int("placementLatencySeed", 0, int.MaxValue, "Seed of placementLatencyJitter.",
            p => p.Latency.Seed, (p, v) => p with { Latency = p.Latency with { Seed = v } }),
    ];

    public static ParameterSpec? Find(string name)
    {
        foreach (var spec in All)
        {
            if (spec.Name == name)
            {
                return spec;
            }
        }

        return null;
    }

    /// <summary>
    /// The rules <paramref name="p"/> breaks, each named by its parameter (<c>betSizes[2]</c> for one stake): bounds,
    /// stakes inside the <paramref name="rules"/> and at most <see cref="MaxBetsPerRound"/> of them, thetaBase &lt;= thetaMax.
    /// </summary>
    public static IReadOnlyList<ConfigError> Validate(StrategyParameters p, SidebetRules rules)
    {
        var errors = new List<ConfigError>();
        foreach (var spec in All)
        {
            if (spec.CheckBounds(p) is { } message)
            {
                errors.Add(new(spec.Name, message));
            }
        }

        if (p.BetSizes.Count is 0 or > MaxBetsPerRound)
        {
            errors.Add(new("betSizes", $"must have 1 to {MaxBetsPerRound} stakes."));
        }
        else
        {
            for (var i = 0; i < p.BetSizes.Count; i++)
            {
                if (p.BetSizes[i] < rules.MinStake || p.BetSizes[i] > rules.MaxStake)
                {
                    errors.Add(new($"betSizes[{i}]", $"must be between {rules.MinStake} and {rules.MaxStake}."));
                    break;
                }
            }
        }

        if (p.Latency.Unit == LatencyUnit.Ticks)
        {
            if (p.Latency.Amount % 1m != 0m)
            {
                errors.Add(new("placementLatency", "must be a whole number of ticks (or set placementLatencyUnit to ms)."));
            }

            if (p.Latency.Jitter % 1m != 0m)
            {
                errors.Add(new("placementLatencyJitter", "must be a whole number of ticks (or set placementLatencyUnit to ms)."));
            }
        }

        if (p.Sizing.ThetaBase > p.Sizing.ThetaMax)
        {
            errors.Add(new("thetaMax", $"must be at least thetaBase ({p.Sizing.ThetaBase})."));
        }

        return errors;
    }
}
