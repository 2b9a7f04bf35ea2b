namespace Orleans.LiveSim.Abstractions.Sweeps;

/// <summary>What a sweep ranks its variants by. Higher is better, except <see cref="MaxDrawdownPct"/> (lower is better).</summary>
public enum SweepMetric
{
    /// <summary>Net profit and loss (<c>stats.netPnl</c>).</summary>
    NetPnl = 0,

    /// <summary>Return on settled stakes in percent (<c>stats.roiPct</c>).</summary>
    RoiPct = 1,

    /// <summary>Sharpe ratio of the per-round P&amp;L (<c>stats.sharpeRatio</c>); a variant without one ranks last.</summary>
    Sharpe = 2,

    /// <summary>Largest drawdown from peak equity in percent (<c>stats.maxDrawdownPct</c>); lower ranks higher.</summary>
    MaxDrawdownPct = 3,

    /// <summary>Won bets in percent of settled ones (<c>stats.winRatePct</c>).</summary>
    WinRatePct = 4,

    /// <summary>Gross wins over gross losses (<c>stats.profitFactor</c>); a variant without losses has none and ranks last.</summary>
    ProfitFactor = 5,
}

/// <summary>How a metric reads and orders variant results.</summary>
public static class SweepMetrics
{
    /// <summary>The metric names as requests spell them, in enum order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["netPnl", "roiPct", "sharpe", "maxDrawdownPct", "winRatePct", "profitFactor"];

    public static string Name(this SweepMetric metric) => Names[(int)metric];

    public static bool TryParse(string? name, out SweepMetric metric)
    {
        var i = name is null ? -1 : Names.ToList().IndexOf(name);
        metric = i < 0 ? SweepMetric.NetPnl : (SweepMetric)i;
        return i >= 0;
    }

    /// <summary>The metric's value for a variant's stats; null when the variant has none (no losses for a profit factor).</summary>
    public static decimal? ValueOf(this SweepMetric metric, VariantStats s) => metric switch
    {
        SweepMetric.NetPnl => s.NetPnl,
        SweepMetric.RoiPct => s.RoiPct,
        SweepMetric.Sharpe => s.SharpeRatio,
        SweepMetric.MaxDrawdownPct => s.MaxDrawdownPct,
        SweepMetric.WinRatePct => s.WinRatePct,
        SweepMetric.ProfitFactor => s.ProfitFactor,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>
    /// Orders results best first by <paramref name="metric"/>: a variant without a value last, ties by variant index, so
    /// the same results always give the same order.
    /// </summary>
    public static IComparer<VariantResult> Comparer(this SweepMetric metric) => Comparer<VariantResult>.Create((a, b) =>
    {
        var (x, y) = (metric.ValueOf(a.Stats), metric.ValueOf(b.Stats));
        if (x is null || y is null)
        {
            return x is null == y is null ? a.Index.CompareTo(b.Index) : x is null ? 1 : -1;
        }

        var order = metric == SweepMetric.MaxDrawdownPct ? x.Value.CompareTo(y.Value) : y.Value.CompareTo(x.Value);
        return order != 0 ? order : a.Index.CompareTo(b.Index);
    });
}
