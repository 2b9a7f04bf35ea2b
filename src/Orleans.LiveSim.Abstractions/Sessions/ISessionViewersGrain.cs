namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>
/// A session's read-only viewer tokens (the same grain as <see cref="ISessionGrain"/>, keyed by session id): a viewer token
/// reads and streams the session, nothing else. Minting, listing and revoking them needs <see cref="AccessLevel.Control"/>.
/// </summary>
[Alias("livesim.ISessionViewersGrain")]
public interface ISessionViewersGrain : IGrainWithStringKey
{
    /// <summary>Adds a viewer token (only its hash); <see cref="SessionAccess.Conflict"/> when the session has its maximum already.</summary>
    [Alias("AddViewer")]
    Task<ViewerReply> AddViewerAsync(Caller caller, ViewerToken viewer);

    [Alias("ListViewers")]
    Task<ViewerReply> ListViewersAsync(Caller caller);

    /// <summary>Revokes a viewer token at once; <see cref="ViewerReply.Changed"/> is false when the session had no such viewer.</summary>
    [Alias("RevokeViewer")]
    Task<ViewerReply> RevokeViewerAsync(Caller caller, string viewerId);
}
