namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>What an owner's command does to a running session.</summary>
public enum SessionCommandKind
{
    /// <summary>Stop placing new bets.</summary>
    Pause = 0,

    /// <summary>Place bets again.</summary>
    Resume = 1,
}

/// <summary>
/// One entry of a session's command log: a command and the feed seq it took effect after (it applies before the entry
/// <c>AfterSeq + 1</c>). A replay of the session's journal range with its command log, or a fork with unchanged parameters,
/// applies each command at the same seq and so reproduces the same events and stateHash.
/// </summary>
/// <param name="Kind">Pause or resume.</param>
/// <param name="AfterSeq">The last feed entry applied before it.</param>
/// <param name="At">When it was given (wall clock; informational, never an input of the engine).</param>
[GenerateSerializer]
[Immutable]
[Alias("livesim.SessionCommand")]
public sealed record SessionCommand(
    [property: Id(0)] SessionCommandKind Kind,
    [property: Id(1)] long AfterSeq,
    [property: Id(2)] DateTimeOffset At);
