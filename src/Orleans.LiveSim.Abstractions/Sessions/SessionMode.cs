using System.Text.Json.Serialization;

namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>Whether a session follows its feed live or replays a stretch of its journal (JSON <c>live</c>, <c>replay</c>).</summary>
[GenerateSerializer]
[JsonConverter(typeof(JsonStringEnumConverter<SessionMode>))]
public enum SessionMode
{
    /// <summary>Applies the feed's ticks as they arrive, from the feed's next tick on.</summary>
    [JsonStringEnumMemberName("live")]
    Live = 0,

    /// <summary>Reads a range of the journal (a feed's, or an uploaded recording's) at its replay speed.</summary>
    [JsonStringEnumMemberName("replay")]
    Replay = 1,
}
