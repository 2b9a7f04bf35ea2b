using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Abstractions.Serialization;

/// <summary>Wire form of the engine's <see cref="SessionConfig"/> (the engine stays free of Orleans attributes).</summary>
[GenerateSerializer]
[Alias("livesim.SessionConfig")]
public readonly record struct SessionConfigSurrogate(
    [property: Id(0)] decimal StartingBalance,
    [property: Id(1)] string StrategyId,
    [property: Id(2)] StrategyParameters Parameters,
    [property: Id(3)] SidebetRules Rules,
    [property: Id(4)] string? Name,
    [property: Id(5)] string? LegacyFormat);

/// <summary>Converts <see cref="SessionConfig"/> to and from its wire form.</summary>
[RegisterConverter]
public sealed class SessionConfigSurrogateConverter : IConverter<SessionConfig, SessionConfigSurrogate>
{
    public SessionConfig ConvertFromSurrogate(in SessionConfigSurrogate s) =>
        new(s.StartingBalance, s.StrategyId, s.Parameters, s.Rules) { Name = s.Name, LegacyFormat = s.LegacyFormat };

    public SessionConfigSurrogate ConvertToSurrogate(in SessionConfig c) =>
        new(c.StartingBalance, c.StrategyId, c.Parameters, c.Rules, c.Name, c.LegacyFormat);
}

/// <summary>Wire form of the engine's <see cref="SidebetRules"/>.</summary>
[GenerateSerializer]
[Alias("livesim.SidebetRules")]
public readonly record struct SidebetRulesSurrogate(
    [property: Id(0)] int Window,
    [property: Id(1)] decimal Payout,
    [property: Id(2)] decimal Quantum,
    [property: Id(3)] decimal MinStake,
    [property: Id(4)] decimal MaxStake,
    [property: Id(5)] int MaxActiveBets);

/// <summary>Converts <see cref="SidebetRules"/> to and from its wire form.</summary>
[RegisterConverter]
public sealed class SidebetRulesSurrogateConverter : IConverter<SidebetRules, SidebetRulesSurrogate>
{
    public SidebetRules ConvertFromSurrogate(in SidebetRulesSurrogate s) => new()
    {
        Window = s.Window,
        Payout = s.Payout,
        Quantum = s.Quantum,
        MinStake = s.MinStake,
        MaxStake = s.MaxStake,
        MaxActiveBets = s.MaxActiveBets,
    };

    public SidebetRulesSurrogate ConvertToSurrogate(in SidebetRules r) => new(r.Window, r.Payout, r.Quantum, r.MinStake, r.MaxStake, r.MaxActiveBets);
}
