using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Orleans.LiveSim.Abstractions.Serialization;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Abstractions.Events;

/// <summary>Body of <c>live_tick</c>: the applied feed entry and the session's summary after it.</summary>
public sealed record LiveTickBody(LiveTick Tick, SessionSummary Summary);

/// <summary>The feed entry a <c>live_tick</c> applied.</summary>
public sealed record LiveTick(
    string FeedId,
    [property: Range(1, long.MaxValue)] long Seq,
    string GameId,
    [property: Range(0, int.MaxValue)] int Tick,
    decimal Price,
    [property: JsonConverter(typeof(CamelCaseEnumConverter<GamePhase>))] GamePhase Phase,
    bool Active,
    bool Rugged,
    [property: JsonConverter(typeof(CamelCaseEnumConverter<FeedTickKind>))] FeedTickKind Kind,
    DateTimeOffset ReceivedAt)
{
    public static LiveTick From(FeedTick t) => new(t.FeedId, t.Seq, t.GameId, t.Tick, t.Price, t.Phase, t.Active, t.Rugged, t.Kind, t.ReceivedAt);
}

/// <summary>The session after a <c>live_tick</c>: its wallet and running counts.</summary>
public sealed record SessionSummary(
    [property: JsonConverter(typeof(CamelCaseEnumConverter<SessionStatus>))] SessionStatus Status,
    decimal Balance,
    decimal InBets,
    decimal Equity,
    [property: Range(0, int.MaxValue)] int ActiveBets,
    [property: Range(0, long.MaxValue)] long TicksProcessed,
    [property: Range(0, long.MaxValue)] long BetsPlaced,
    [property: Range(0, long.MaxValue)] long BetsWon,
    [property: Range(0, long.MaxValue)] long BetsLost,
    decimal NetPnl)
{
    public static SessionSummary From(SessionState s) => new(
        s.Status, s.Balance, s.InBets, s.Equity, s.ActiveBets.Count, s.Stats.TicksProcessed, s.Stats.BetsPlaced, s.Stats.BetsWon, s.Stats.BetsLost, s.Stats.NetPnl);
}
