using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Engine.Strategies;

/// <summary>Describes one parameter of a strategy for the catalogue.</summary>
/// <param name="Name">Parameter name as it appears in a request's <c>params</c> (camelCase).</param>
/// <param name="Type">JSON type: <c>integer</c>, <c>number</c>, <c>number[]</c>, <c>string</c>, <c>boolean</c>.</param>
/// <param name="Default">Default value as JSON text.</param>
/// <param name="Min">Inclusive lower bound, if any.</param>
/// <param name="Max">Inclusive upper bound, if any.</param>
/// <param name="Description">What it does.</param>
/// <param name="Choices">Allowed values of a <c>string</c> parameter, if restricted.</param>
public sealed record StrategyParameterInfo(string Name, string Type, string Default, decimal? Min, decimal? Max, string Description, IReadOnlyList<string>? Choices = null);

/// <summary>Describes one strategy of the catalogue.</summary>
public sealed record StrategyInfo(string Id, string Description, IReadOnlyList<StrategyParameterInfo> Parameters);

/// <summary>The built-in strategies.</summary>
public static class StrategyCatalog
{
    public static IReadOnlyList<StrategyInfo> All { get; } =
    [
        new StrategyInfo(
            TickScheduleStrategy.StrategyId,
            "Legacy tick schedule: in every round, bet k at entryTick + k * (40 + cooldown) for k < numBets; a missed tick is caught up inside its window, else skipped. Sizing modes fixed, kelly, dynamic, drawdown-reduced, martingale, anti-martingale, theta-bayesian; risk controls maxDrawdownPct, takeProfitTarget (complete the session) and dailyLossLimit (pauses betting until the next UTC day). Legacy v1/v2 strategy files are accepted in place of strategy (legacyStrategy).",
            [.. TickScheduleParameterSpecs.All.Select(spec => spec.Info(SidebetRules.Default))]),
    ];

    public static bool Exists(string id) => All.Any(s => s.Id == id);

    /// <summary>Creates the strategy a config names.</summary>
    public static IStrategy Create(SessionConfig config) => config.StrategyId switch
    {
        TickScheduleStrategy.StrategyId => new TickScheduleStrategy(config.Parameters, config.Rules),
        _ => throw new ArgumentException($"Unknown strategy '{config.StrategyId}'.", nameof(config)),
    };
}
