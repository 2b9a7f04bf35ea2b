namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>A read-only viewer token of a session as the session keeps it: its id and the SHA-256 (hex) of the token.</summary>
[GenerateSerializer]
[Immutable]
[Alias("livesim.ViewerToken")]
public sealed record ViewerToken([property: Id(0)] string ViewerId, [property: Id(1)] string TokenHash, [property: Id(2)] DateTimeOffset CreatedAt)
{
    public const string IdPrefix = "viewer_";

    /// <summary>Viewer tokens one session may have at once.</summary>
    public const int MaxPerSession = 20;
}

/// <summary>A viewer token as listed: never the token nor its hash.</summary>
[GenerateSerializer]
[Immutable]
[Alias("livesim.ViewerInfo")]
public sealed record ViewerInfo([property: Id(0)] string ViewerId, [property: Id(1)] DateTimeOffset CreatedAt);

/// <summary>Answer of <see cref="ISessionViewersGrain"/>: the access decision, the session's viewers, and whether the call changed them.</summary>
[GenerateSerializer]
[Immutable]
[Alias("livesim.ViewerReply")]
public sealed record ViewerReply([property: Id(0)] SessionAccess Access, [property: Id(1)] IReadOnlyList<ViewerInfo> Viewers, [property: Id(2)] bool Changed = false)
{
    public static ViewerReply Denied(SessionAccess access) => new(access, []);
}
