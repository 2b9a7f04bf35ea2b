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

    /// <summary>The defaults with all three risk controls on (none of them trips on the benchmark streams).</summary>
    public static SessionConfig DefaultWithRisk { get; } = SessionConfig.Default with
    {
        Parameters = new StrategyParameters { Risk = new RiskParameters { MaxDrawdownPct = 0.9m, TakeProfitTarget = 100m, DailyLossLimit = 0.9m } },
    };

    /// <summary>The named config: <c>default</c>, <c>default+risk</c> or <c>betting-heavy</c>.</summary>
    public static SessionConfig Named(string name) => name switch
    {
        "default" => Default,
        "default+risk" => DefaultWithRisk,
        "betting-heavy" => BettingHeavy,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown benchmark config."),
    };

    /// <summary><paramref name="config"/> with its first bet beyond any round: a session that only watches.</summary>
    public static SessionConfig Unreached(SessionConfig config) => config with
    {
        Parameters = config.Parameters with { EntryTick = 1_000_000 },
    };
}
