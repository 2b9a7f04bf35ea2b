using System.Text.Json.Serialization;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Abstractions.Feeds;

namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>Where a session's ticks come from.</summary>
/// <param name="FeedId">The feed (live, or the one a replay reads from its journal).</param>
/// <param name="Mode">Live or replay.</param>
/// <param name="FromSeq">Replay: first seq (inclusive). Live: null (starts at the feed's next tick).</param>
/// <param name="ToSeq">Replay: last seq (inclusive). Live: null.</param>
/// <param name="Speed">Replay speed (<c>"max"</c> or a multiple of real time). Live: null.</param>
/// <param name="RecordingId">Replay of an uploaded recording, if any.</param>
/// <param name="Provider">Kind of the feed's source.</param>
[GenerateSerializer]
[Alias("livesim.SessionSource")]
public sealed record SessionSource(
    [property: Id(0)] string FeedId,
    [property: Id(1)] SessionMode Mode,
    [property: Id(2)] long? FromSeq = null,
    [property: Id(3)] long? ToSeq = null,
    [property: Id(4)] ReplaySpeed? Speed = null,
    [property: Id(5)] string? RecordingId = null,
    [property: Id(6)] ProviderKind? Provider = null)
{
    [JsonIgnore]
    public bool IsLive => Mode == SessionMode.Live;
}
