using System.Numerics;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Engine.Sessions;

/// <summary>
/// The running hash of a session (hash version 2): a chain of xxHash64 rounds, one per 64-bit word of canonical
/// content (integers as they are, decimals as their digits and scale without trailing zeros, strings four UTF-16
/// units a word). Only integer arithmetic on fixed constants, so it is the same on every platform and in every process
/// (unlike <see cref="HashCode"/>, which is randomized per process). Each round is a bijection of the running value,
/// so no input can erase what was mixed before it. Version 1 (up to the "faster engine" change) was FNV-1a byte by
/// byte; a stored hash of either version is simply mixed on (see ADR 0003).
/// </summary>
public static class StateHasher
{
    /// <summary>The hash of a session that has applied nothing (the same value in both versions).</summary>
    public const ulong Seed = 14695981039346656037UL;

    private const ulong Prime1 = 11400714785074694791UL;
    private const ulong Prime2 = 14029467366897019727UL;
    private const ulong Prime3 = 1609587929392839161UL;

    /// <summary>Mixes one 64-bit word: the xxHash64 round.</summary>
    public static ulong Mix(ulong hash, long value) => BitOperations.RotateLeft(hash + ((ulong)value * Prime2), 31) * Prime1;

    /// <summary>Mixes a decimal by value: 1.0 and 1.00 hash alike (two words: the digits, then sign, scale and high digits).</summary>
    public static ulong Mix(ulong hash, decimal value)
    {
        var (digits, tail) = Canonical(value);
        return Mix(Mix(hash, (long)digits), (long)tail);
    }

    /// <summary>Mixes a string's length and then its UTF-16 units, four to a word; null is told apart from "".</summary>
    public static ulong Mix(ulong hash, string? value)
    {
        if (value is null)
        {
            return Mix(hash, -1L);
        }

        hash = Mix(hash, value.Length);
        var i = 0;
        for (; i + 4 <= value.Length; i += 4)
        {
            hash = Mix(hash, (long)(value[i] | ((ulong)value[i + 1] << 16) | ((ulong)value[i + 2] << 32) | ((ulong)value[i + 3] << 48)));
        }

        if (i < value.Length)
        {
            var last = 0UL;
            for (var shift = 0; i < value.Length; i++, shift += 16)
            {
                last |= (ulong)value[i] << shift;
            }

            hash = Mix(hash, (long)last);
        }

        return hash;
    }

    /// <summary>
    /// Mixes the content of a feed entry in three words: the price, then its scale with phase, kind and flags, then tick and
    /// gap length. Not the feed id, the seq or the round id (the round id is mixed once, with <see cref="GameStarted"/>):
    /// a replay hashes like the live session that saw the same ticks.
    /// </summary>
    public static ulong MixTick(ulong hash, FeedTick tick)
    {
        var (digits, tail) = Canonical(tick.Price);
        var flags = ((ulong)(byte)tick.Phase << 56) | ((ulong)(byte)tick.Kind << 48)
            | (tick.Active ? 1UL << 42 : 0UL) | (tick.Rugged ? 1UL << 41 : 0UL);
        hash = Mix(hash, (long)digits);
        hash = Mix(hash, (long)(tail | flags));
        return Mix(hash, (long)(((ulong)(uint)tick.GapTicks << 32) | (uint)tick.Tick));
    }

    /// <summary>Mixes what an event decided (never its seq): a fixed code per event type, then its deciding fields.</summary>
    public static ulong MixEvent(ulong hash, EngineEvent e) => e switch
    {
        GameStarted g => Mix(Mix(hash, 1), g.GameId),
        GameEnded g => Mix(Mix(hash, 2), g.RugTick ?? -1),
        BetPlaced p => Mix(Mix(Mix(Mix(hash, 3), p.Bet.BetId), p.Bet.Stake), p.Bet.StartTick),
        BetSettled x => Mix(Mix(Mix(Mix(hash, 4), x.Bet.BetId), (long)x.Outcome), x.Returned),
        BetSkipped k => Mix(Mix(Mix(hash, 5), k.ScheduleIndex), k.Reason),
        FeedGapSeen => Mix(hash, 6),
        SessionEnded => Mix(hash, 7),
        SessionPaused => Mix(hash, 8),
        SessionResumed => Mix(hash, 9),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "An engine event the state hash does not know."),
    };

    /// <summary>The published form of a running hash: the xxHash64 avalanche, so that close inputs give unrelated digits.</summary>
    public static ulong Finish(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= Prime2;
        hash ^= hash >> 29;
        hash *= Prime3;
        return hash ^ (hash >> 32);
    }

    public static string ToHex(ulong hash) => hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A decimal's value as two words: its low 64 bits of digits, then its high 32 bits of digits, scale (bits 32-39) and
    /// sign (bit 40), with trailing zeros removed and zero unsigned, so equal values give equal words however they were
    /// written. Bits 41-63 of the second word are left 0 for <see cref="MixTick"/>'s flags.
    /// </summary>
    private static (ulong Digits, ulong Tail) Canonical(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        if (bits[2] != 0)
        {
            // More than 19 digits (rare): division by one returns the exact value at the smallest scale that holds it.
            decimal.GetBits(value / 1.000000000000000000000000000000000m, bits);
        }

        var digits = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        var high = (uint)bits[2];
        var scale = (bits[3] >> 16) & 0xFF;
        if (high == 0)
        {
            if (digits == 0)
            {
                return (0, 0);
            }

            // Division by a constant compiles to a multiplication: no decimal arithmetic on the hot path.
            while (scale > 0 && digits % 10 == 0)
            {
                digits /= 10;
                scale--;
            }
        }

        return (digits, high | ((ulong)scale << 32) | (bits[3] < 0 ? 1UL << 40 : 0UL));
    }
}
