using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Benchmarks;

/// <summary>Session configs the benchmarks run.</summary>
public static class Configs
{
    /// <summary>The defaults: tick-schedule from tick 200, 4 bets a round (most rounds rug before 200: few bets).</summary>
    public static SessionConfig Default => SessionConfig.Default;

    /// <summary>
    /// Betting-heavy: a bet from tick 1 on, back to back, up to 1000 a round, with a balance that never runs out,
    /// so nearly every active tick places, expires or settles a bet.
    /// </summary>
    public static SessionConfig BettingHeavy { get; } = new(
        1_000_000m,
        TickScheduleStrategy.StrategyId,
        new StrategyParameters { EntryTick = 1, NumBets = 1000, Cooldown = 0, BetSizes = [0.001m] },
        SidebetRules.Default);
}
