using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// What a session stores: its config and the engine's state together with the last applied seq (inside
/// <see cref="Engine"/>), in one write. Stored as plain JSON (no CLR type names), versioned by <see cref="SchemaVersion"/>.
/// </summary>
public sealed class SessionGrainState
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    public bool Created { get; set; }

    public SessionConfig? Config { get; set; }

    public SessionSource? Source { get; set; }

    public string AccessTokenHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public SessionState? Engine { get; set; }

    /// <summary>Outbound events so far (every event counts, watched or not, so eventSeq is the same on replay).</summary>
    public long EventSeq { get; set; }
}
