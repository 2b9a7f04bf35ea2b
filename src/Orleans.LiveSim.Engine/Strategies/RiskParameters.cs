namespace Orleans.LiveSim.Engine.Strategies;

/// <summary>Risk controls that end a session when crossed. Null disables a control.</summary>
public sealed record RiskParameters
{
    /// <summary>Stop (completed) when drawdown from peak equity reaches this fraction (0..1). Default null (off).</summary>
    public decimal? MaxDrawdownPct { get; init; }

    /// <summary>Stop (completed) when equity reaches this multiple of the starting balance. Default null (off).</summary>
    public decimal? TakeProfitTarget { get; init; }
}
