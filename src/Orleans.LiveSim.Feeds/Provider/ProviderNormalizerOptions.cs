namespace Orleans.LiveSim.Feeds.Provider;

/// <summary>How the provider's messages are read.</summary>
public sealed record ProviderNormalizerOptions
{
    /// <summary>Events that carry game state. Default <c>gameStateUpdate</c>; every other event is ignored.</summary>
    public IReadOnlyList<string> GameStateEvents { get; init; } = ["gameStateUpdate"];

    /// <summary>Malformed messages kept for inspection (the oldest are dropped). Default 100.</summary>
    public int QuarantineCapacity { get; init; } = 100;

    /// <summary>Characters of a quarantined message's raw text kept. Default 16,384.</summary>
    public int QuarantineMaxChars { get; init; } = 16_384;
}
