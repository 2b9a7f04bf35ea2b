namespace Orleans.LiveSim.Feeds.Synthetic;

/// <summary>
/// SplitMix64: a tiny generator whose sequence is fixed by its seed forever (unlike <see cref="Random"/>,
/// whose algorithm may change between runtimes), so a seed names the same game on every machine.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    public ulong State { get; private set; } = seed;

    public ulong Next()
    {
        var z = State += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, <paramref name="n"/>).</summary>
    public long NextInt(long n) => (long)(((UInt128)Next() * (ulong)n) >> 64);
}
