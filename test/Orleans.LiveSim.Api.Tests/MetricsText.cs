using System.Globalization;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>Reading the silo's <c>/metrics</c> (Prometheus text).</summary>
public static class MetricsText
{
    /// <summary>The sum of every series of <paramref name="name"/> (whatever its labels); -1 when there is none.</summary>
    public static long Value(string metrics, string name) =>
        metrics.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(l => (long)double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .DefaultIfEmpty(-1)
            .Sum();
}
