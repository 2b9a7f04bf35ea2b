using Orleans.LiveSim.Feeds.Integrity;
using Orleans.LiveSim.Feeds.Provider;

namespace Orleans.LiveSim.Feeds.Recording;

/// <summary>How a recording is played back.</summary>
public sealed record RecordingSourceOptions
{
    /// <summary>Playback speed as a multiple of real time (1 = as recorded); null = max, everything at once. Default null.</summary>
    public double? Speed { get; init; }

    /// <summary>Messages read per drain at most (bounds the work of one timer tick). Default 10,000.</summary>
    public int MaxMessagesPerDrain { get; init; } = 10_000;

    /// <summary>Normalizer options. Default: the provider's defaults.</summary>
    public ProviderNormalizerOptions? Normalizer { get; init; }

    /// <summary>Integrity options. Default: the checker's defaults.</summary>
    public IntegrityOptions? Integrity { get; init; }

    /// <summary>Parses <c>max</c> or a positive number (<c>1</c>, <c>10</c>, <c>0.5</c>) into <see cref="Speed"/>.</summary>
    public static bool TryParseSpeed(string? text, out double? speed)
    {
        speed = null;
        if (string.IsNullOrWhiteSpace(text) || string.Equals(text.Trim(), "max", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value > 0 && double.IsFinite(value))
        {
            speed = value;
            return true;
        }

        return false;
    }
}
