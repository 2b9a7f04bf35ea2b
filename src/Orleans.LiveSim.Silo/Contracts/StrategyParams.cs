using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Orleans.LiveSim.Engine.Configuration;

namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>
/// The tick-schedule strategy's parameters as HTTP speaks them: in a request's <c>strategy.params</c> each is optional
/// (absent or null keeps its default); a session view shows every one. Meanings, defaults and bounds:
/// <c>GET /live-sim/strategies</c>.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record StrategyParams
{
    public int? EntryTick { get; init; }

    public int? NumBets { get; init; }

    public int? Cooldown { get; init; }

    /// <summary>Stakes of the bets of a round: 1 to 100 entries.</summary>
    [MaxLength(TickScheduleParameterSpecs.MaxBetsPerRound)]
    public IReadOnlyList<decimal>? BetSizes { get; init; }

    /// <summary>fixed, kelly, dynamic, drawdown-reduced, martingale, anti-martingale or theta-bayesian.</summary>
    public string? Sizing { get; init; }

    public decimal? KellyFraction { get; init; }

    public decimal? WinRate { get; init; }

    /// <summary>base or skip.</summary>
    public string? KellyNoEdge { get; init; }

    public bool? DynamicSizing { get; init; }

    public decimal? DynamicThreshold { get; init; }

    public decimal? DynamicMultiplier { get; init; }

    public int? DynamicMinSamples { get; init; }

    public bool? ReduceOnDrawdown { get; init; }

    public decimal? DrawdownThreshold { get; init; }

    public decimal? DrawdownFloor { get; init; }

    public decimal? LossStreakMultiplier { get; init; }

    public decimal? MaxLossMultiplier { get; init; }

    public decimal? WinStreakMultiplier { get; init; }

    public decimal? MaxStreakMultiplier { get; init; }

    public decimal? ThetaBase { get; init; }

    public decimal? ThetaMax { get; init; }

    public decimal? ThetaPriorWeight { get; init; }

    public bool? VolatilityScaling { get; init; }

    public decimal? MaxDrawdownPct { get; init; }

    public decimal? TakeProfitTarget { get; init; }

    public decimal? DailyLossLimit { get; init; }

    /// <summary>standard or legacy.</summary>
    public string? SizingProfile { get; init; }

    public decimal? PlacementLatency { get; init; }

    /// <summary>ticks or ms.</summary>
    public string? PlacementLatencyUnit { get; init; }

    public decimal? PlacementLatencyJitter { get; init; }

    public int? PlacementLatencySeed { get; init; }
}
