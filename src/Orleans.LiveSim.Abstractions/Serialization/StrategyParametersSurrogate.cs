using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Abstractions.Serialization;

/// <summary>Wire form of the engine's <see cref="StrategyParameters"/> (the engine stays free of Orleans attributes).</summary>
[GenerateSerializer]
[Alias("livesim.StrategyParameters")]
public readonly record struct StrategyParametersSurrogate(
    [property: Id(0)] int EntryTick,
    [property: Id(1)] int NumBets,
    [property: Id(2)] int Cooldown,
    [property: Id(3)] decimal[] BetSizes,
    [property: Id(4)] SizingParameters Sizing,
    [property: Id(5)] decimal? MaxDrawdownPct,
    [property: Id(6)] decimal? TakeProfitTarget,
    [property: Id(7)] decimal? DailyLossLimit,
    [property: Id(8)] decimal LatencyAmount,
    [property: Id(9)] LatencyUnit LatencyUnit,
    [property: Id(10)] decimal LatencyJitter,
    [property: Id(11)] int LatencySeed);

/// <summary>Converts <see cref="StrategyParameters"/> (with its <see cref="RiskParameters"/>) to and from its wire form.</summary>
[RegisterConverter]
public sealed class StrategyParametersSurrogateConverter : IConverter<StrategyParameters, StrategyParametersSurrogate>
{
    public StrategyParameters ConvertFromSurrogate(in StrategyParametersSurrogate s) => new()
    {
        EntryTick = s.EntryTick,
        NumBets = s.NumBets,
        Cooldown = s.Cooldown,
        BetSizes = s.BetSizes,
        Sizing = s.Sizing,
        Risk = new RiskParameters { MaxDrawdownPct = s.MaxDrawdownPct, TakeProfitTarget = s.TakeProfitTarget, DailyLossLimit = s.DailyLossLimit },
        Latency = new PlacementLatency { Amount = s.LatencyAmount, Unit = s.LatencyUnit, Jitter = s.LatencyJitter, Seed = s.LatencySeed },
    };

    public StrategyParametersSurrogate ConvertToSurrogate(in StrategyParameters p) =>
        new(p.EntryTick, p.NumBets, p.Cooldown, [.. p.BetSizes], p.Sizing, p.Risk.MaxDrawdownPct, p.Risk.TakeProfitTarget, p.Risk.DailyLossLimit,
            p.Latency.Amount, p.Latency.Unit, p.Latency.Jitter, p.Latency.Seed);
}

/// <summary>Wire form of the engine's <see cref="SizingParameters"/>.</summary>
[GenerateSerializer]
[Alias("livesim.SizingParameters")]
public readonly record struct SizingParametersSurrogate(
    [property: Id(0)] SizingMode Mode,
    [property: Id(1)] decimal KellyFraction,
    [property: Id(2)] decimal WinRate,
    [property: Id(3)] KellyNoEdge KellyNoEdge,
    [property: Id(4)] bool DynamicSizing,
    [property: Id(5)] decimal DynamicThreshold,
    [property: Id(6)] decimal DynamicMultiplier,
    [property: Id(7)] int DynamicMinSamples,
    [property: Id(8)] bool ReduceOnDrawdown,
    [property: Id(9)] decimal DrawdownThreshold,
    [property: Id(10)] decimal DrawdownFloor,
    [property: Id(11)] decimal LossStreakMultiplier,
    [property: Id(12)] decimal MaxLossMultiplier,
    [property: Id(13)] decimal WinStreakMultiplier,
    [property: Id(14)] decimal MaxStreakMultiplier,
    [property: Id(15)] decimal ThetaBase,
    [property: Id(16)] decimal ThetaMax,
    [property: Id(17)] decimal ThetaPriorWeight,
    [property: Id(18)] bool VolatilityScaling,
    [property: Id(19)] SizingProfile Profile);

/// <summary>Converts <see cref="SizingParameters"/> to and from its wire form.</summary>
[RegisterConverter]
public sealed class SizingParametersSurrogateConverter : IConverter<SizingParameters, SizingParametersSurrogate>
{
    public SizingParameters ConvertFromSurrogate(in SizingParametersSurrogate s) => new()
    {
        Mode = s.Mode,
        KellyFraction = s.KellyFraction,
        WinRate = s.WinRate,
        KellyNoEdge = s.KellyNoEdge,
        DynamicSizing = s.DynamicSizing,
        DynamicThreshold = s.DynamicThreshold,
        DynamicMultiplier = s.DynamicMultiplier,
        DynamicMinSamples = s.DynamicMinSamples,
        ReduceOnDrawdown = s.ReduceOnDrawdown,
        DrawdownThreshold = s.DrawdownThreshold,
        DrawdownFloor = s.DrawdownFloor,
        LossStreakMultiplier = s.LossStreakMultiplier,
        MaxLossMultiplier = s.MaxLossMultiplier,
        WinStreakMultiplier = s.WinStreakMultiplier,
        MaxStreakMultiplier = s.MaxStreakMultiplier,
        ThetaBase = s.ThetaBase,
        ThetaMax = s.ThetaMax,
        ThetaPriorWeight = s.ThetaPriorWeight,
        VolatilityScaling = s.VolatilityScaling,
        Profile = s.Profile,
    };

    public SizingParametersSurrogate ConvertToSurrogate(in SizingParameters p) => new(
        p.Mode, p.KellyFraction, p.WinRate, p.KellyNoEdge, p.DynamicSizing, p.DynamicThreshold, p.DynamicMultiplier, p.DynamicMinSamples,
        p.ReduceOnDrawdown, p.DrawdownThreshold, p.DrawdownFloor, p.LossStreakMultiplier, p.MaxLossMultiplier, p.WinStreakMultiplier,
        p.MaxStreakMultiplier, p.ThetaBase, p.ThetaMax, p.ThetaPriorWeight, p.VolatilityScaling, p.Profile);
}
