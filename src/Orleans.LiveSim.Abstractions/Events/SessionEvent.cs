using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Orleans.LiveSim.Abstractions.Events;

/// <summary>
/// The envelope fields every outbound event shares: <c>{type, schemaVersion, sessionId, eventSeq, ...}</c>, written
/// first (a derived record's own fields carry a later <see cref="JsonPropertyOrderAttribute"/>).
/// <see cref="EventSeq"/> is contiguous per session (and the SSE <c>id</c>).
/// </summary>
public abstract record SessionEventHeader
{
    public required string Type { get; init; }

    public required int SchemaVersion { get; init; }

    [MinLength(1)]
    public required string SessionId { get; init; }

    [Range(0, long.MaxValue)]
    public required long EventSeq { get; init; }
}

/// <summary>
/// An event a session emits: the envelope, <see cref="FeedSeq"/> (the feed entry whose application caused it) and its body.
/// </summary>
public sealed record SessionEvent<TBody> : SessionEventHeader
    where TBody : class
{
    [Range(0, long.MaxValue)]
    [JsonPropertyOrder(1)]
    public long FeedSeq { get; init; }

    [JsonPropertyOrder(2)]
    public required TBody Body { get; init; }
}
