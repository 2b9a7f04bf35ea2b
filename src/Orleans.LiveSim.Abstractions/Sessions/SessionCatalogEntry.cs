using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>A session as the catalog lists it.</summary>
/// <param name="SessionId">Id.</param>
/// <param name="OwnerAccountId">Its owner account; null for a session created anonymously.</param>
/// <param name="FeedId">The feed it follows or replays (<c>recording-{id}</c> for a recording).</param>
/// <param name="Mode">Live or replay.</param>
/// <param name="Status">Its status when it last changed.</param>
/// <param name="RecordingId">The recording it replays, if any.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When the entry was last written.</param>
public sealed record SessionCatalogEntry(
    string SessionId,
    string? OwnerAccountId,
    string FeedId,
    SessionMode Mode,
    SessionStatus Status,
    string? RecordingId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Whether the session has ended (stopped, completed or failed): it holds no running slot any more.</summary>
    public bool Ended => Status is SessionStatus.Stopped or SessionStatus.Completed or SessionStatus.Failed;
}
