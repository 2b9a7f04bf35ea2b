using System.Globalization;
using System.Text.Json;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Recording;

namespace Orleans.LiveSim.Feeds.Synthetic;

/// <summary>
/// Writes the synthetic game as a provider capture (<c>gameStateUpdate</c> messages in the recording format), so the
/// project makes its own sample data: active ticks and rugs carry <c>gameId</c>, <c>tickCount</c>, <c>price</c>,
/// <c>active</c> and <c>rugged</c>; cooldown ticks are the provider's partial updates (no tick or price).
/// Replayed, the capture gives the game's rounds, tick for tick. The same options and start give the same bytes.
/// </summary>
public static class SyntheticCapture
{
    /// <summary>Plays <paramref name="duration"/> of the game from <paramref name="start"/> into <paramref name="writer"/>; returns the messages written.</summary>
    public static long Write(string feedId, SyntheticGameOptions options, DateTimeOffset start, TimeSpan duration, RecordingWriter writer)
    {
        var game = new SyntheticGame(feedId, options, start);
        var end = start + duration;
        long messages = 0;
        while (game.NextDue < end)
        {
            var tick = game.Next();
            writer.Write(tick.ReceivedAt, "gameStateUpdate", Message(tick));
            messages++;
        }

        writer.Flush();
        return messages;
    }

    private static string Message(FeedTick tick)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("gameId", tick.GameId);
            json.WriteBoolean("active", tick.Active);
            json.WriteBoolean("rugged", tick.Rugged);
            json.WriteBoolean("allowPreRoundBuys", tick.Phase == GamePhase.Presale);
            if (tick.Phase is GamePhase.Active or GamePhase.Rugged)
            {
                json.WriteNumber("tickCount", tick.Tick);
                json.WriteNumber("price", tick.Price);
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The default start of a recording: a fixed instant, so a recording with the same options is the same file.</summary>
    public static DateTimeOffset DefaultStart { get; } = DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture);
}
