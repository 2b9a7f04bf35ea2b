using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Synthetic;

namespace Orleans.LiveSim.Benchmarks;

/// <summary>A realistic feed: the synthetic game's ticks (cooldowns, rounds, rugs) with contiguous seqs, made once.</summary>
public static class TickStream
{
    /// <summary>Ticks per generated stream: about 80 minutes of feed at 4 Hz, a few dozen rounds.</summary>
    public const int Length = 20_000;

    public static FeedTick[] Generate(int length = Length, ulong seed = 42)
    {
        var game = new SyntheticGame("bench", new SyntheticGameOptions { Seed = seed }, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var ticks = new FeedTick[length];
        for (var i = 0; i < length; i++)
        {
            ticks[i] = game.Next() with { Seq = i + 1 };
        }

        return ticks;
    }
}
