using System.Globalization;
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

    /// <summary>
    /// <paramref name="ticks"/> as a journal read gives them to a session: every entry its own round-id string (a
    /// PostgreSQL row or a deserialized batch never shares one, so the engine's round check compares characters), and
    /// prices with the 15-17 digits of the provider's doubles (e.g. <c>1.061531247396796</c>) instead of the synthetic
    /// game's 10 decimals.
    /// </summary>
    public static FeedTick[] AsJournalRead(FeedTick[] ticks)
    {
        var read = new FeedTick[ticks.Length];
        for (var i = 0; i < ticks.Length; i++)
        {
            var t = ticks[i];
            var price = decimal.Parse(((double)t.Price).ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
            read[i] = t with { GameId = new string(t.GameId.AsSpan()), Price = price };
        }

        return read;
    }

    /// <summary>
    /// One round that never ends: <paramref name="length"/> active ticks 0, 1, 2, ... read from a journal, priced like the
    /// active ticks of <see cref="Generate"/>. After its first entry (which starts the round) every entry is an ordinary tick
    /// for a session whose schedule the round never reaches.
    /// </summary>
    public static FeedTick[] OneLongRound(int length = Length)
    {
        var prices = AsJournalRead(Generate(length * 2)).Where(t => t.IsBettable).Select(t => t.Price).Take(length).ToArray();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        const string GameId = "20260101-0123456789abcdef";
        var ticks = new FeedTick[length];
        for (var i = 0; i < length; i++)
        {
            ticks[i] = new FeedTick("bench", i + 1, new string(GameId.AsSpan()), i, prices[i], GamePhase.Active, true, false, start.AddMilliseconds(250L * i));
        }

        return ticks;
    }
}
