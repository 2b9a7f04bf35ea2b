using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.LiveSim.Engine.Configuration;

namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>
/// A strategy file of the legacy system, accepted as it is (both formats share this root; the
/// mapping checks which fields a format may have and maps them).
/// <para><b>v1</b> (no <c>schema_version</c>): <c>name</c>, <c>initial_balance</c>, <c>created</c>, <c>description</c> and the
/// strategy fields either flat at the root or nested in <c>params</c> (not both for one field).</para>
/// <para><b>v2</b> (<c>schema_version</c> 2.x): <c>execution</c>, <c>scaling</c>, <c>risk_controls</c>; <c>name</c>,
/// <c>created</c>, <c>source</c>, <c>description</c> and <c>monte_carlo_metrics</c> are informational, except
/// <c>monte_carlo_metrics.win_rate_assumption</c>, which becomes <c>winRate</c> unless <c>scaling.win_rate</c> is given.</para>
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record LegacyStrategyFile : LegacyParams
{
    /// <summary>v2 only: <c>2.x</c> (e.g. <c>2.0.0</c>).</summary>
    [JsonPropertyName("schema_version")]
    public string? SchemaVersion { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("created")]
    public string? Created { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>v2: where the profile came from (e.g. <c>monte_carlo</c>); informational.</summary>
    [JsonPropertyName("source")]
    public string? Source { get; init; }

    /// <summary>v1: the starting balance.</summary>
    [JsonPropertyName("initial_balance")]
    public decimal? InitialBalance { get; init; }

    /// <summary>v1: the strategy fields, nested.</summary>
    [JsonPropertyName("params")]
    public LegacyParams? Params { get; init; }

    [JsonPropertyName("execution")]
    public LegacyExecution? Execution { get; init; }

    [JsonPropertyName("scaling")]
    public LegacyScaling? Scaling { get; init; }

    [JsonPropertyName("risk_controls")]
    public LegacyRiskControls? RiskControls { get; init; }

    [JsonPropertyName("monte_carlo_metrics")]
    public LegacyMonteCarloMetrics? MonteCarloMetrics { get; init; }
}

/// <summary>The strategy fields of a v1 file (at its root or in <c>params</c>).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public record LegacyParams
{
    [JsonPropertyName("entry_tick")]
    public int? EntryTick { get; init; }

    [JsonPropertyName("num_bets")]
    public int? NumBets { get; init; }

    /// <summary>1 to 100 stakes.</summary>
    [JsonPropertyName("bet_sizes")]
    [MaxLength(TickScheduleParameterSpecs.MaxBetsPerRound)]
    public IReadOnlyList<decimal>? BetSizes { get; init; }

    [JsonPropertyName("cooldown")]
    public int? Cooldown { get; init; }

    /// <summary>true: Kelly sizing; false: fixed.</summary>
    [JsonPropertyName("use_kelly_sizing")]
    public bool? UseKellySizing { get; init; }

    [JsonPropertyName("kelly_fraction")]
    public decimal? KellyFraction { get; init; }

    [JsonPropertyName("win_rate")]
    public decimal? WinRate { get; init; }

    [JsonPropertyName("use_dynamic_sizing")]
    public bool? UseDynamicSizing { get; init; }

    [JsonPropertyName("high_confidence_threshold")]
    public decimal? HighConfidenceThreshold { get; init; }

    [JsonPropertyName("high_confidence_multiplier")]
    public decimal? HighConfidenceMultiplier { get; init; }

    [JsonPropertyName("reduce_on_drawdown")]
    public bool? ReduceOnDrawdown { get; init; }

    [JsonPropertyName("max_drawdown_pct")]
    public decimal? MaxDrawdownPct { get; init; }

    [JsonPropertyName("take_profit_target")]
    public decimal? TakeProfitTarget { get; init; }

    [JsonPropertyName("daily_loss_limit")]
    public decimal? DailyLossLimit { get; init; }

    [JsonPropertyName("win_streak_multiplier")]
    public decimal? WinStreakMultiplier { get; init; }

    [JsonPropertyName("max_streak_multiplier")]
    public decimal? MaxStreakMultiplier { get; init; }

    [JsonPropertyName("theta_base")]
    public decimal? ThetaBase { get; init; }

    [JsonPropertyName("theta_max")]
    public decimal? ThetaMax { get; init; }
}

/// <summary>A v2 profile's <c>execution</c> block.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record LegacyExecution
{
    [JsonPropertyName("entry_tick")]
    public int? EntryTick { get; init; }

    [JsonPropertyName("num_bets")]
    public int? NumBets { get; init; }

    /// <summary>1 to 100 stakes.</summary>
    [JsonPropertyName("bet_sizes")]
    [MaxLength(TickScheduleParameterSpecs.MaxBetsPerRound)]
    public IReadOnlyList<decimal>? BetSizes { get; init; }

    [JsonPropertyName("initial_balance")]
    public decimal? InitialBalance { get; init; }

    [JsonPropertyName("cooldown")]
    public int? Cooldown { get; init; }
}

/// <summary>A v2 profile's <c>scaling</c> block.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record LegacyScaling
{
    /// <summary>fixed, kelly, dynamic, drawdown, martingale, progressive, anti_martingale or theta_bayesian.</summary>
    [JsonPropertyName("mode")]
    public string? Mode { get; init; }

    [JsonPropertyName("kelly_fraction")]
    public decimal? KellyFraction { get; init; }

    [JsonPropertyName("win_rate")]
    public decimal? WinRate { get; init; }

    /// <summary>Must agree with <c>mode</c> when both are given.</summary>
    [JsonPropertyName("use_kelly_sizing")]
    public bool? UseKellySizing { get; init; }

    [JsonPropertyName("use_dynamic_sizing")]
    public bool? UseDynamicSizing { get; init; }

    [JsonPropertyName("high_confidence_threshold")]
    public decimal? HighConfidenceThreshold { get; init; }

    [JsonPropertyName("high_confidence_multiplier")]
    public decimal? HighConfidenceMultiplier { get; init; }

    [JsonPropertyName("win_streak_multiplier")]
    public decimal? WinStreakMultiplier { get; init; }

    [JsonPropertyName("max_streak_multiplier")]
    public decimal? MaxStreakMultiplier { get; init; }

    [JsonPropertyName("theta_base")]
    public decimal? ThetaBase { get; init; }

    [JsonPropertyName("theta_max")]
    public decimal? ThetaMax { get; init; }

    [JsonPropertyName("use_volatility_scaling")]
    public bool? UseVolatilityScaling { get; init; }
}

/// <summary>A v2 profile's <c>risk_controls</c> block.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record LegacyRiskControls
{
    [JsonPropertyName("max_drawdown_pct")]
    public decimal? MaxDrawdownPct { get; init; }

    [JsonPropertyName("take_profit_target")]
    public decimal? TakeProfitTarget { get; init; }

    [JsonPropertyName("reduce_on_drawdown")]
    public bool? ReduceOnDrawdown { get; init; }

    /// <summary>Null: off.</summary>
    [JsonPropertyName("daily_loss_limit")]
    public decimal? DailyLossLimit { get; init; }
}

/// <summary>A v2 profile's simulation results: informational, except <c>win_rate_assumption</c>.</summary>
public sealed record LegacyMonteCarloMetrics
{
    [JsonPropertyName("win_rate_assumption")]
    public decimal? WinRateAssumption { get; init; }

    /// <summary>The other metrics, kept as they are and not used.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}
