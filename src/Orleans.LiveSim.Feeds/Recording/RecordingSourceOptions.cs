using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Feeds.Integrity;
using Orleans.LiveSim.Feeds.Provider;

namespace Orleans.LiveSim.Feeds.Recording;

/// <summary>How a recording is played back.</summary>
public sealed record RecordingSourceOptions
{
    /// <summary>Playback speed: a multiple of real time (1 = as recorded) or max, everything at once. Default max.</summary>
    public ReplaySpeed Speed { get; init; } = ReplaySpeed.Max;

    /// <summary>Messages read per drain at most (bounds the work of one timer tick). Default 10,000.</summary>
    public int MaxMessagesPerDrain { get; init; } = 10_000;

    /// <summary>Normalizer options. Default: the provider's defaults.</summary>
    public ProviderNormalizerOptions? Normalizer { get; init; }

    /// <summary>Integrity options. Default: the checker's defaults.</summary>
    public IntegrityOptions? Integrity { get; init; }
}
