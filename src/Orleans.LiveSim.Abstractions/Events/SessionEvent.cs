using System.ComponentModel.DataAnnotations;

namespace Orleans.LiveSim.Abstractions.Events;

/// <summary>
/// The envelope every event a session emits shares: <c>{type, schemaVersion, sessionId, eventSeq, feedSeq, body}</c>.
/// <see cref="EventSeq"/> is contiguous per session (and the SSE <c>id</c>); <see cref="FeedSeq"/> is the feed entry
/// whose application caused the event.
/// </summary>
public readonly record struct SessionEvent<TBody>
    where TBody : class
{
    public required string Type { get; init; }

    public required int SchemaVersion { get; init; }

    [MinLength(1)]
    public required string SessionId { get; init; }

    [Range(0, long.MaxValue)]
    public required long EventSeq { get; init; }

    [Range(0, long.MaxValue)]
    public long FeedSeq { get; init; }

    public required TBody Body { get; init; }
}
