using Orleans.Concurrency;
using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Abstractions.Sweeps;

/// <summary>
/// A sweep's read-only viewer tokens (the same grain as <see cref="ISweepGrain"/>, keyed by sweep id): a viewer token
/// reads and streams the sweep and every one of its variant sessions, nothing else. Minting, listing and revoking them
/// needs <see cref="AccessLevel.Control"/> of the sweep. The sweep keeps their hashes; its variants ask it
/// (<see cref="AdmitsViewerAsync"/>) rather than hold copies.
/// </summary>
[Alias("livesim.ISweepViewersGrain")]
public interface ISweepViewersGrain : IGrainWithStringKey
{
    /// <summary>Adds a viewer token (only its hash); <see cref="SessionAccess.Conflict"/> when the sweep has its maximum already.</summary>
    [Alias("AddViewer")]
    Task<ViewerReply> AddViewerAsync(Caller caller, ViewerToken viewer);

    [Alias("ListViewers")]
    Task<ViewerReply> ListViewersAsync(Caller caller);

    /// <summary>Revokes a viewer token at once (for the sweep and its variants); <see cref="ViewerReply.Changed"/> is false when the sweep had no such viewer.</summary>
    [Alias("RevokeViewer")]
    Task<ViewerReply> RevokeViewerAsync(Caller caller, string viewerId);

    /// <summary>
    /// Whether <paramref name="tokenHash"/> is one of the sweep's viewer tokens: asked by a variant session about a token
    /// it does not know. Always interleaved: the sweep may be waiting on that very variant (stopping it, or reading it
    /// after a reactivation) while the variant waits on this answer.
    /// </summary>
    [AlwaysInterleave]
    [Alias("AdmitsViewer")]
    Task<bool> AdmitsViewerAsync(string tokenHash);
}
