namespace Orleans.LiveSim.Engine.Sessions;

/// <summary>
/// 64-bit FNV-1a over the canonical fields of ticks and events: cheap enough for every tick, and stable
/// across processes and platforms (unlike <see cref="HashCode"/>, which is randomized per process).
/// </summary>
public static class StateHasher
{
    public const ulong Seed = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Mix(ulong hash, long value)
    {
        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ (byte)(value >> (i * 8))) * Prime;
        }

        return hash;
    }

    public static ulong Mix(ulong hash, decimal value)
    {
        // Normalize the scale so 1.0 and 1.00 hash alike: the value matters, not how it was written.
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value / 1.000000000000000000000000000000000m, bits);
        foreach (var part in bits)
        {
            hash = Mix(hash, part);
        }

        return hash;
    }

    public static ulong Mix(ulong hash, string? value)
    {
        if (value is null)
        {
            return Mix(hash, -1L);
        }

        foreach (var c in value)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        return Mix(hash, value.Length);
    }

    public static string ToHex(ulong hash) => hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
