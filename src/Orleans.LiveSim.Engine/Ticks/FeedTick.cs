using System.Text.Json.Serialization;

namespace Orleans.LiveSim.Engine.Ticks;

/// <summary>
/// One normalized entry of a feed, the only input of the engine. <see cref="Seq"/> is contiguous per feed
/// (1, 2, 3, ...), assigned by the feed adapter before the tick is journaled and published.
/// </summary>
/// <param name="FeedId">The feed this tick belongs to.</param>
/// <param name="Seq">Contiguous sequence number per feed; 0 until the feed adapter assigns it.</param>
/// <param name="GameId">Round id, e.g. <c>20251207-e8186dbf38e046d1</c>.</param>
/// <param name="Tick">Tick counter inside the round (0, 1, 2, ...).</param>
/// <param name="Price">Price multiplier (starts at 1.0).</param>
/// <param name="Phase">Round phase.</param>
/// <param name="Active">Provider's <c>active</c> flag.</param>
/// <param name="Rugged">Provider's <c>rugged</c> flag: this tick ends the round.</param>
/// <param name="ReceivedAt">When the adapter received the message (an input, never read from a clock by the engine).</param>
/// <param name="Kind">A real tick or an explicit gap marker.</param>
/// <param name="GapTicks">For <see cref="FeedTickKind.Gap"/>: how many ticks starting at <see cref="Tick"/> are missing.</param>
public sealed record FeedTick(
    string FeedId,
    long Seq,
    string GameId,
    int Tick,
    decimal Price,
    GamePhase Phase,
    bool Active,
    bool Rugged,
    DateTimeOffset ReceivedAt,
    FeedTickKind Kind = FeedTickKind.Tick,
    int GapTicks = 0)
{
    /// <summary>True when a sidebet may be placed on this tick (ACTIVE and not rugged).</summary>
    [JsonIgnore]
    public bool IsBettable => Kind == FeedTickKind.Tick && Phase == GamePhase.Active && Active && !Rugged;
}
