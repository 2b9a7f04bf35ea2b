using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Engine.Sessions;

/// <summary>Everything that determines a session's behaviour besides its ticks.</summary>
/// <param name="StartingBalance">Paper money the wallet starts with.</param>
/// <param name="StrategyId">Id of the strategy in the catalogue.</param>
/// <param name="Parameters">The strategy's parameters.</param>
/// <param name="Rules">The provider's sidebet rules.</param>
public sealed record SessionConfig(
    decimal StartingBalance,
    string StrategyId,
    StrategyParameters Parameters,
    SidebetRules Rules)
{
    /// <summary>The defaults: 0.1 paper balance, the tick-schedule strategy with its defaults, the provider's rules.</summary>
    public static SessionConfig Default { get; } = new(0.1m, "tick-schedule", new StrategyParameters(), SidebetRules.Default);

    /// <summary>Name of the legacy strategy file the config came from (its <c>name</c>), if any.</summary>
    public string? Name { get; init; }

    /// <summary>Format of the legacy strategy file it came from: <c>1</c> (v1) or its <c>schema_version</c> (e.g. <c>2.0.0</c>); null otherwise.</summary>
    public string? LegacyFormat { get; init; }
}
