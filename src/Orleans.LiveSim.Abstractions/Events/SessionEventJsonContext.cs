using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.LiveSim.Abstractions.Events;

/// <summary>
/// Source-generated JSON of the events sessions emit: camelCase, numbers as JSON numbers, every constructor parameter
/// and <c>required</c> member present, nothing unknown (which the published schemas state as <c>required</c> and
/// <c>additionalProperties: false</c>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.Strict,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(SessionEvent<LiveTickBody>))]
[JsonSerializable(typeof(SessionEvent<GameStartedBody>))]
[JsonSerializable(typeof(SessionEvent<GameEndedBody>))]
[JsonSerializable(typeof(SessionEvent<BetPlacedBody>))]
[JsonSerializable(typeof(SessionEvent<BetSettledBody>))]
[JsonSerializable(typeof(SessionEvent<BetSkippedBody>))]
[JsonSerializable(typeof(SessionEvent<FeedGapBody>))]
[JsonSerializable(typeof(SessionEvent<SessionStoppedBody>))]
[JsonSerializable(typeof(SessionEvent<SessionPausedBody>))]
[JsonSerializable(typeof(SessionEvent<SessionResumedBody>))]
[JsonSerializable(typeof(KeepAliveEvent))]
public sealed partial class SessionEventJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Options for the snapshot's session view, which travels with the front silo's HTTP options (so its strategy
    /// parameters read as in a session response), with this context's strictness for its schema.
    /// </summary>
    public static JsonSerializerOptions StrictCopyOf(JsonSerializerOptions options) => new(options)
    {
        NumberHandling = JsonNumberHandling.Strict,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}

/// <summary>A keep-alive frame on the WebSocket (<c>{"type":"keepalive"}</c>); on SSE the event name says it.</summary>
public sealed record KeepAliveEvent(string Type)
{
    public static KeepAliveEvent Instance { get; } = new(SessionEventTypes.KeepAlive);
}
