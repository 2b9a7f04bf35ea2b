namespace Orleans.LiveSim.Feeds.Synthetic;

/// <summary>The documented rules of the crash game, as the synthetic feed plays them.</summary>
public sealed record SyntheticGameOptions
{
    /// <summary>Seed of the game's randomness. Default 42.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Time between ticks. Default 250 ms.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Cooldown between rounds, emitted as cooldown ticks. Default 15 s.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Cooldown ticks at the end of the cooldown that allow pre-round buys. Default 4.</summary>
    public int PresaleTicks { get; init; } = 4;

    /// <summary>Rug probability per tick in millionths, checked first. Default 5000 (0.5 %).</summary>
    public int RugPerMillion { get; init; } = 5_000;

    /// <summary>Highest tick of a round: the round rugs there at the latest. Default 5000.</summary>
    public int MaxTicks { get; init; } = 5_000;
}
