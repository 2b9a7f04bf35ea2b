using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Orleans.LiveSim.Abstractions.Serialization;
using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Abstractions.Events;

/// <summary>Body of <c>game_started</c>.</summary>
public sealed record GameStartedBody(string GameId);

/// <summary>Body of <c>game_ended</c>: the rug, or nulls when the round's end was never seen (its bets were voided).</summary>
public sealed record GameEndedBody(string GameId, int? RugTick, decimal? RugPrice);

/// <summary>Body of <c>feed_gap</c>: ticks <c>FromTick .. FromTick + Ticks - 1</c> of the round were never received.</summary>
public sealed record FeedGapBody(string GameId, int FromTick, [property: Range(1, int.MaxValue)] int Ticks);

/// <summary>Body of <c>session_stopped</c>: how the session ended, and why.</summary>
public sealed record SessionStoppedBody(
    [property: JsonConverter(typeof(CamelCaseEnumConverter<SessionStatus>))]
    [property: AllowedValues(SessionStatus.Stopped, SessionStatus.Completed, SessionStatus.Failed)]
    SessionStatus Status,
    string Reason);

/// <summary>Body of <c>session_paused</c>: no new bet is placed on feed entries from <see cref="FromSeq"/> on (the envelope's feedSeq is the one before).</summary>
public sealed record SessionPausedBody([property: Range(1, long.MaxValue)] long FromSeq);

/// <summary>Body of <c>session_resumed</c>: bets are placed again on feed entries from <see cref="FromSeq"/> on.</summary>
public sealed record SessionResumedBody([property: Range(1, long.MaxValue)] long FromSeq);
