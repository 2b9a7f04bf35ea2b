namespace Orleans.LiveSim.LoadDriver;

/// <summary>Percentiles of small samples.</summary>
public static class Stats
{
    public static double? Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public static string Format(double? value, string unit = "") => value is { } v ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{v:0.#}{unit}") : "-";
}
