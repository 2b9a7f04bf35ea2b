namespace Orleans.LiveSim.Engine.Strategies;

/// <summary>Risk controls. Null disables a control.</summary>
public sealed record RiskParameters
{
    /// <summary>Stop (completed, reason <c>max_drawdown</c>) when drawdown from peak equity reaches this fraction (0..1]. Default null (off).</summary>
    public decimal? MaxDrawdownPct { get; init; }

    /// <summary>Stop (completed, reason <c>take_profit</c>) when equity reaches this multiple of the starting balance. Default null (off).</summary>
    public decimal? TakeProfitTarget { get; init; }

    /// <summary>
    /// Daily loss limit as a fraction (0..1] of the equity at the start of the UTC day (the day of the tick's
    /// <c>ReceivedAt</c>, an input). When the day's loss reaches it, scheduled bets are skipped (reason <c>daily_loss_limit</c>)
    /// until the next UTC day; the session keeps running. Default null (off).
    /// </summary>
    public decimal? DailyLossLimit { get; init; }
}
