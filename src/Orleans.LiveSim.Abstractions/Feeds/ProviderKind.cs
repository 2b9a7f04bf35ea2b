using System.Text.Json.Serialization;

namespace Orleans.LiveSim.Abstractions.Feeds;

/// <summary>Kind of a feed's source (configuration <c>LiveSim:Feeds:{id}:Provider</c>; JSON <c>synthetic</c>, <c>socketio</c>, <c>recording</c>).</summary>
[GenerateSerializer]
[JsonConverter(typeof(JsonStringEnumConverter<ProviderKind>))]
public enum ProviderKind
{
    /// <summary>The seeded synthetic crash game.</summary>
    [JsonStringEnumMemberName("synthetic")]
    Synthetic = 0,

    /// <summary>The provider's live Socket.IO v4 feed.</summary>
    [JsonStringEnumMemberName("socketio")]
    SocketIo = 1,

    /// <summary>A capture file played as a feed, or an uploaded recording.</summary>
    [JsonStringEnumMemberName("recording")]
    Recording = 2,
}
