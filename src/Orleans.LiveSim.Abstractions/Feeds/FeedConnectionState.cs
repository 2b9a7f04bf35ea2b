using System.Text.Json.Serialization;

namespace Orleans.LiveSim.Abstractions.Feeds;

/// <summary>Health of a feed source as sessions and operators see it (JSON: <c>connected</c>, <c>degraded</c>, <c>disconnected</c>).</summary>
[GenerateSerializer]
[JsonConverter(typeof(JsonStringEnumConverter<FeedConnectionState>))]
public enum FeedConnectionState
{
    /// <summary>Receiving ticks as expected.</summary>
    [JsonStringEnumMemberName("connected")]
    Connected = 0,

    /// <summary>Connected but not healthy: no tick within the stale timeout while a round is active, or reconnecting.</summary>
    [JsonStringEnumMemberName("degraded")]
    Degraded = 1,

    /// <summary>Not connected.</summary>
    [JsonStringEnumMemberName("disconnected")]
    Disconnected = 2,
}
