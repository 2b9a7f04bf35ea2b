using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Engine.Strategies;

/// <summary>The unit of <see cref="PlacementLatency"/>.</summary>
public enum LatencyUnit
{
    /// <summary>Feed ticks of the round.</summary>
    Ticks = 0,

    /// <summary>Milliseconds, measured on the feed's receive times (<c>receivedAt</c>), never on a clock.</summary>
    Milliseconds = 1,
}

/// <summary>
/// How long after the strategy decides a bet it is placed (execution realism: a real order reaches the provider later).
/// Each bet waits <c>Amount + j</c> with <c>j</c> drawn uniformly from <c>[0, Jitter]</c> (whole ticks in tick units) by a
/// hash of <see cref="Seed"/>, the round and the bet's index, so the same seed gives the same latencies on every run,
/// replay and fork. The bet is placed on the first bettable tick at or after that delay, in the same round; a round
/// that ends first skips it (<c>round_ended</c>). Default: no latency (today's behaviour, placed on the decision tick).
/// </summary>
public sealed record PlacementLatency
{
    public static PlacementLatency None { get; } = new();

    /// <summary>The fixed part of the delay, in <see cref="Unit"/>. Default 0.</summary>
    public decimal Amount { get; init; }

    /// <summary>Ticks (default) or milliseconds of the feed's receive times.</summary>
    public LatencyUnit Unit { get; init; } = LatencyUnit.Ticks;

    /// <summary>The largest random extra delay, in <see cref="Unit"/>. Default 0 (a fixed delay).</summary>
    public decimal Jitter { get; init; }

    /// <summary>Seed of the random extra delay. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Whether every bet is placed on its decision tick.</summary>
    public bool IsZero => Amount == 0m && Jitter == 0m;

    /// <summary>The delay of bet <paramref name="scheduleIndex"/> of round <paramref name="gameId"/>, in <see cref="Unit"/>.</summary>
    public decimal For(string gameId, int scheduleIndex)
    {
        if (Jitter == 0m)
        {
            return Amount;
        }

        var h = StateHasher.Mix(StateHasher.Mix(StateHasher.Mix(StateHasher.Seed, Seed), gameId), scheduleIndex);
        // Finalize (SplitMix64's mixer) so neighbouring indexes give unrelated draws.
        h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
        h ^= h >> 31;
        return Unit == LatencyUnit.Ticks
            ? Amount + (h % ((ulong)Jitter + 1))
            : Amount + (Jitter * (h % 10_001) / 10_000m);
    }
}
