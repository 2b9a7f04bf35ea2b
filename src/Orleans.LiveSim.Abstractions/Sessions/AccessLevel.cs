namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>What a caller may do with a resource (a session, a recording, a sweep).</summary>
public enum AccessLevel
{
    /// <summary>Nothing: no credential of this resource (401).</summary>
    None = 0,

    /// <summary>Read and stream (a read-only viewer token).</summary>
    Read = 1,

    /// <summary>Read, stream and change it: stop, pause, fork, configure delivery (its owner account, its access token, the operator).</summary>
    Control = 2,
}
