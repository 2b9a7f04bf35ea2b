namespace Orleans.LiveSim.Engine.Strategies;

/// <summary>The names of <see cref="SizingMode"/> values in requests and views (<c>strategy.params.sizing</c>).</summary>
public static class SizingModeNames
{
    public static IReadOnlyList<string> All { get; } =
        ["fixed", "kelly", "dynamic", "drawdown-reduced", "martingale", "anti-martingale", "theta-bayesian"];

    /// <summary>The request name of a mode, e.g. <c>theta-bayesian</c>.</summary>
    public static string Name(SizingMode mode) => All[(int)mode];

    /// <summary>
    /// Parses a mode name. Also accepts the legacy spellings with underscores (<c>theta_bayesian</c>,
    /// <c>anti_martingale</c>), <c>progressive</c> for martingale and <c>drawdown</c> for drawdown-reduced.
    /// </summary>
    public static bool TryParse(string? name, out SizingMode mode)
    {
        var normalized = name?.Trim().ToLowerInvariant().Replace('_', '-');
        normalized = normalized switch
        {
            "progressive" => "martingale",
            "drawdown" => "drawdown-reduced",
            "antimartingale" => "anti-martingale",
            _ => normalized,
        };
        var index = normalized is null ? -1 : IndexOf(normalized);
        mode = index < 0 ? SizingMode.Fixed : (SizingMode)index;
        return index >= 0;
    }

    private static int IndexOf(string name)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
