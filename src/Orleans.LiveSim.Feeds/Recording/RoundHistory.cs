using System.Text;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Provider;

namespace Orleans.LiveSim.Feeds.Recording;

/// <summary>
/// The completed rounds a capture's <c>gameHistory</c> lists (every tick's price, the rug at the last index), as a
/// feed of their own: a backtest on real rounds, far more of them than the capture's live ticks cover.
/// </summary>
public static class RoundHistory
{
    /// <summary>Time between ticks the provider runs at (about 4 a second); history carries prices, not times.</summary>
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Every distinct completed round in the capture, oldest first (by the round's own timestamp, else first seen).</summary>
    public static async Task<IReadOnlyList<CompletedRound>> ReadAsync(Stream capture, CancellationToken cancellationToken = default)
    {
        var normalizer = new ProviderNormalizer();
        var observations = new List<ProviderObservation>();
        var rounds = new Dictionary<string, (int Order, CompletedRound Round)>(StringComparer.Ordinal);
        using var reader = new StreamReader(capture, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!RecordingFormat.TryParseLine(line, out var message, out _))
            {
                continue;
            }

            observations.Clear();
            normalizer.Normalize(message!.EventType, message.RawData, message.Timestamp, observations);
            foreach (var history in observations.OfType<GameHistoryObservation>())
            {
                // Newest first within one history list: reversed, first appearance orders rounds without a timestamp.
                foreach (var round in history.Rounds.Reverse())
                {
                    rounds.TryAdd(round.GameId, (rounds.Count, round));
                }
            }
        }

        return rounds.Values
            .OrderBy(r => r.Round.EndedAt ?? DateTimeOffset.MaxValue)
            .ThenBy(r => r.Order)
            .Select(r => r.Round)
            .ToList();
    }

    /// <summary>
    /// The rounds as feed entries (seq 0): ticks 0..n-1 active, the last one rugged at its recorded price, 250 ms apart,
    /// each round ending at its timestamp when it has one.
    /// </summary>
    public static IEnumerable<FeedTick> ToTicks(string feedId, IEnumerable<CompletedRound> rounds)
    {
        var clock = DateTimeOffset.UnixEpoch;
        foreach (var round in rounds)
        {
            var last = round.Prices.Count - 1;
            var start = round.EndedAt is { } end ? end - (TickInterval * last) : clock;
            for (var tick = 0; tick <= last; tick++)
            {
                var rug = tick == last;
                yield return new FeedTick(feedId, 0, round.GameId, tick, round.Prices[tick], rug ? GamePhase.Rugged : GamePhase.Active, true, rug, start + (TickInterval * tick));
            }

            clock = start + (TickInterval * (last + 1));
        }
    }
}
