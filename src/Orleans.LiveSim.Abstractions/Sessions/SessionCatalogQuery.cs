using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>Which catalog entries to list; every filter is optional.</summary>
/// <param name="Owners">Whose sessions.</param>
/// <param name="Limit">At most this many.</param>
/// <param name="After">The id of the last entry of the previous page.</param>
/// <param name="Status">Only this status.</param>
/// <param name="Ended">Only ended sessions (true) or only those not ended (false).</param>
/// <param name="FeedId">Only sessions of this feed.</param>
/// <param name="Mode">Only live or only replay sessions.</param>
/// <param name="RecordingId">Only replays of this recording.</param>
public sealed record SessionCatalogQuery(
    OwnerFilter Owners,
    int Limit,
    string? After = null,
    SessionStatus? Status = null,
    bool? Ended = null,
    string? FeedId = null,
    SessionMode? Mode = null,
    string? RecordingId = null)
{
    public bool Matches(SessionCatalogEntry e) =>
        Owners.Matches(e.OwnerAccountId)
        && (Status is null || e.Status == Status)
        && (Ended is null || e.Ended == Ended)
        && (FeedId is null || e.FeedId == FeedId)
        && (Mode is null || e.Mode == Mode)
        && (RecordingId is null || e.RecordingId == RecordingId);
}
