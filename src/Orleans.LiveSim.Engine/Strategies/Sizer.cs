using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Engine.Strategies;

/// <summary>
/// Turns a strategy's base stake (<c>betSizes[k]</c>) into the wanted stake, before the rules clamp it to
/// min/max, round it down to the quantum and cap it at the free balance. All decimal, no clock, no randomness:
/// <list type="number">
/// <item>Mode: fixed/dynamic/drawdown-reduced <c>base</c>; Kelly <c>kellyFraction * f* * equity</c> with
/// <c>f* = (b p - (1 - p)) / b</c>, <c>b = payout - 1</c>, <c>p = winRate</c> (when <c>f* &lt;= 0</c>: base stake, or skip
/// if <see cref="KellyNoEdge.Skip"/>); martingale <c>base * min(lossStreakMultiplier ^ L, maxLossMultiplier)</c>;
/// anti-martingale <c>base * min(winStreakMultiplier ^ W, maxStreakMultiplier)</c> (L, W: current streaks of settled
/// bets, voided bets do not break them); theta-Bayesian <c>base * clamp(m / winRate, thetaBase, thetaMax)</c> with
/// <c>m = (winRate * w + wins) / (w + wins + losses)</c>, <c>w = thetaPriorWeight</c>.</item>
/// <item>Dynamic: times <c>dynamicMultiplier</c> when the bet's confidence (see <see cref="Confidence"/>) is at least
/// <c>dynamicThreshold</c> percent.</item>
/// <item>Drawdown: with <c>d = (peak - equity) / peak</c>, <c>T = drawdownThreshold</c>, <c>L = maxDrawdownPct ?? 1</c>:
/// factor 1 while <c>d &lt;= T</c>, else <c>max(drawdownFloor, 1 - (d - T) / (L - T))</c> (just the floor if <c>L &lt;= T</c>).</item>
/// </list>
/// </summary>
public sealed class Sizer(SizingParameters sizing, SidebetRules? rules = null, RiskParameters? risk = null)
{
    private readonly SidebetRules _rules = rules ?? SidebetRules.Default;
    private readonly RiskParameters _risk = risk ?? new RiskParameters();

    /// <summary>Wanted stake for bet <paramref name="scheduleIndex"/> without a start tick (dynamic sizing never applies).</summary>
    public decimal Size(SessionState state, int scheduleIndex, decimal baseStake) =>
        Size(state, -1, scheduleIndex, baseStake) ?? baseStake;

    /// <summary>
    /// Wanted stake for bet <paramref name="scheduleIndex"/> starting at <paramref name="startTick"/>, or null when
    /// the mode decides not to bet (Kelly without edge and <see cref="KellyNoEdge.Skip"/>).
    /// </summary>
    public decimal? Size(SessionState state, int startTick, int scheduleIndex, decimal baseStake) =>
        Trace(state, startTick, scheduleIndex, baseStake)?.Wanted;

    /// <summary>
    /// How bet <paramref name="scheduleIndex"/> starting at <paramref name="startTick"/> is sized, step by step (the wanted
    /// stake is its <see cref="SizingTrace.Wanted"/>); null when the mode decides not to bet. The legacy profile sizes by
    /// <see cref="LegacySizing"/>.
    /// </summary>
    public SizingTrace? Trace(SessionState state, int startTick, int scheduleIndex, decimal baseStake)
    {
        if (sizing.Profile == SizingProfile.Legacy)
        {
            return LegacySizing.Size(sizing, state, baseStake);
        }

        if (ModeStake(state, baseStake) is not { } modeStake)
        {
            return null;
        }

        var stake = modeStake;
        decimal? confidence = null;
        var dynamicFactor = 1m;
        if (sizing.UsesDynamic && startTick >= 0)
        {
            confidence = Confidence(state, startTick, _rules.Window, sizing.DynamicMinSamples);
            if (confidence >= sizing.DynamicThreshold)
            {
                dynamicFactor = sizing.DynamicMultiplier;
                stake *= dynamicFactor;
            }
        }

        decimal? drawdown = null;
        var drawdownFactor = 1m;
        if (sizing.UsesDrawdownReduction)
        {
            drawdown = state.PeakEquity <= 0m ? 0m : (state.PeakEquity - state.Equity) / state.PeakEquity;
            drawdownFactor = DrawdownFactor(state);
            stake *= drawdownFactor;
        }

        decimal? bankroll = sizing.Mode == SizingMode.Kelly ? state.Equity : null;
        int? streak = sizing.Mode switch
        {
            SizingMode.Martingale => state.Stats.CurrentLoseStreak,
            SizingMode.AntiMartingale => state.Stats.CurrentWinStreak,
            _ => null,
        };
        return new SizingTrace(SizingProfile.Standard, sizing.Mode, baseStake, bankroll, streak, modeStake, confidence, dynamicFactor, drawdown, drawdownFactor, stake);
    }

    /// <summary>Kelly's optimal fraction <c>f* = (b p - (1 - p)) / b</c> for the rules' payout and the given win rate.</summary>
    public static decimal KellyOptimalFraction(decimal winRate, decimal payout)
    {
        var b = payout - 1m;
        return ((b * winRate) - (1m - winRate)) / b;
    }

    /// <summary>
    /// Confidence in percent that a round still running at <paramref name="startTick"/> rugs inside
    /// <c>[startTick, startTick + window)</c>: of the session's recorded rug ticks <c>r &gt;= startTick</c>, the share with
    /// <c>r &lt; startTick + window</c>. Null while fewer than <paramref name="minSamples"/> rounds lasted to the tick.
    /// </summary>
    public static decimal? Confidence(SessionState state, int startTick, int window, int minSamples)
    {
        var survived = 0;
        var hits = 0;
        var rugs = state.RecentRugTicks;
        for (var i = 0; i < rugs.Count; i++)
        {
            var r = rugs[i];
            if (r >= startTick)
            {
                survived++;
                if (r < startTick + window)
                {
                    hits++;
                }
            }
        }

        return survived == 0 || survived < minSamples ? null : hits * 100m / survived;
    }

    /// <summary>Stake factor for the current drawdown (1 when not reducing).</summary>
    public decimal DrawdownFactor(SessionState state)
    {
        if (state.PeakEquity <= 0m)
        {
            return 1m;
        }

        var drawdown = (state.PeakEquity - state.Equity) / state.PeakEquity;
        var threshold = sizing.DrawdownThreshold;
        if (drawdown <= threshold)
        {
            return 1m;
        }

        var limit = _risk.MaxDrawdownPct ?? 1m;
        if (limit <= threshold)
        {
            return sizing.DrawdownFloor;
        }

        return Math.Max(sizing.DrawdownFloor, 1m - ((drawdown - threshold) / (limit - threshold)));
    }

    private decimal? ModeStake(SessionState state, decimal baseStake)
    {
        switch (sizing.Mode)
        {
            case SizingMode.Fixed or SizingMode.Dynamic or SizingMode.DrawdownReduced:
                return baseStake;
            case SizingMode.Kelly:
                var f = KellyOptimalFraction(sizing.WinRate, _rules.Payout);
                if (f <= 0m)
                {
                    return sizing.KellyNoEdge == KellyNoEdge.Skip ? null : baseStake;
                }

                return sizing.KellyFraction * f * state.Equity;
            case SizingMode.Martingale:
                return baseStake * StreakFactor(sizing.LossStreakMultiplier, state.Stats.CurrentLoseStreak, sizing.MaxLossMultiplier);
            case SizingMode.AntiMartingale:
                return baseStake * StreakFactor(sizing.WinStreakMultiplier, state.Stats.CurrentWinStreak, sizing.MaxStreakMultiplier);
            case SizingMode.ThetaBayesian:
                var w = sizing.ThetaPriorWeight;
                var wins = state.Stats.BetsWon;
                var losses = state.Stats.BetsLost;
                var posterior = ((sizing.WinRate * w) + wins) / (w + wins + losses);
                var factor = Math.Clamp(posterior / sizing.WinRate, sizing.ThetaBase, sizing.ThetaMax);
                return baseStake * factor;
            default:
                throw new ArgumentOutOfRangeException(nameof(sizing), sizing.Mode, "Unknown sizing mode.");
        }
    }

    /// <summary><c>min(multiplier ^ streak, cap)</c>, computed by repeated multiplication so it stays exact and cannot overflow.</summary>
    public static decimal StreakFactor(decimal multiplier, int streak, decimal cap)
    {
        var factor = 1m;
        if (multiplier <= 1m)
        {
            return Math.Min(1m, cap);
        }

        for (var i = 0; i < streak && factor < cap; i++)
        {
            factor *= multiplier;
        }

        return Math.Min(factor, cap);
    }
}
