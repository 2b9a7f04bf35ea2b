namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>Outcome of a call on a session, mapped to an HTTP status by the front silo.</summary>
public enum SessionAccess
{
    /// <summary>Done.</summary>
    Ok = 0,

    /// <summary>No such session (404).</summary>
    NotFound = 1,

    /// <summary>Missing or wrong access token (401).</summary>
    Unauthorized = 2,

    /// <summary>The session's state forbids it (409).</summary>
    Conflict = 3,

    /// <summary>The caller may read but not change it, e.g. with a viewer token (403).</summary>
    Forbidden = 4,
}
