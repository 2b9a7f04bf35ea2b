namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>
/// A read-only viewer token of a session or a sweep as it keeps it: its id, the SHA-256 (hex) of the token, and the label
/// its owner gave it (who it was shared with), if any.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("livesim.ViewerToken")]
public sealed record ViewerToken([property: Id(0)] string ViewerId, [property: Id(1)] string TokenHash, [property: Id(2)] DateTimeOffset CreatedAt, [property: Id(3)] string? Label = null)
{
    public const string IdPrefix = "viewer_";

    /// <summary>Viewer tokens one session (or one sweep) may have at once.</summary>
    public const int MaxPerSession = 20;

    /// <summary>Longest label, in UTF-16 code units.</summary>
    public const int MaxLabelLength = 100;
}

/// <summary>A viewer token as listed: its id, when it was made and its label; never the token nor its hash.</summary>
[GenerateSerializer]
[Immutable]
[Alias("livesim.ViewerInfo")]
public sealed record ViewerInfo([property: Id(0)] string ViewerId, [property: Id(1)] DateTimeOffset CreatedAt, [property: Id(2)] string? Label = null)
{
    public static ViewerInfo Of(ViewerToken viewer) => new(viewer.ViewerId, viewer.CreatedAt, viewer.Label);
}

/// <summary>Answer of <see cref="ISessionViewersGrain"/>: the access decision, the session's viewers, and whether the call changed them.</summary>
[GenerateSerializer]
[Immutable]
[Alias("livesim.ViewerReply")]
public sealed record ViewerReply([property: Id(0)] SessionAccess Access, [property: Id(1)] IReadOnlyList<ViewerInfo> Viewers, [property: Id(2)] bool Changed = false)
{
    public static ViewerReply Denied(SessionAccess access) => new(access, []);
}
