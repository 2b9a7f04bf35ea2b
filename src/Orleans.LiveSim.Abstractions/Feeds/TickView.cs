using System.Text.Json.Serialization;
using Orleans.LiveSim.Abstractions.Serialization;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Abstractions.Feeds;

/// <summary>A feed entry as a session view shows it (<c>lastTick</c>) and a session stores it.</summary>
/// <param name="FeedId">The feed.</param>
/// <param name="Seq">Its contiguous sequence number in the feed.</param>
/// <param name="GameId">Round id.</param>
/// <param name="Tick">Tick counter inside the round.</param>
/// <param name="Price">Price multiplier.</param>
/// <param name="Phase">Round phase.</param>
/// <param name="Active">The provider's <c>active</c> flag.</param>
/// <param name="Rugged">The provider's <c>rugged</c> flag: this tick ends the round.</param>
/// <param name="ReceivedAt">When the adapter received it.</param>
/// <param name="Kind">A tick, or a gap marker.</param>
/// <param name="GapTicks">For a gap marker: how many ticks are missing.</param>
[GenerateSerializer]
[Alias("livesim.TickView")]
public sealed record TickView(
    [property: Id(0)] string FeedId,
    [property: Id(1)] long Seq,
    [property: Id(2)] string GameId,
    [property: Id(3)] int Tick,
    [property: Id(4)] decimal Price,
    [property: Id(5), JsonConverter(typeof(CamelCaseEnumConverter<GamePhase>))] GamePhase Phase,
    [property: Id(6)] bool Active,
    [property: Id(7)] bool Rugged,
    [property: Id(8)] DateTimeOffset ReceivedAt,
    [property: Id(9), JsonConverter(typeof(CamelCaseEnumConverter<FeedTickKind>))] FeedTickKind Kind,
    [property: Id(10)] int GapTicks)
{
    public static TickView From(FeedTick t) => new(t.FeedId, t.Seq, t.GameId, t.Tick, t.Price, t.Phase, t.Active, t.Rugged, t.ReceivedAt, t.Kind, t.GapTicks);

    public FeedTick ToFeedTick() => new(FeedId, Seq, GameId, Tick, Price, Phase, Active, Rugged, ReceivedAt, Kind, GapTicks);
}
