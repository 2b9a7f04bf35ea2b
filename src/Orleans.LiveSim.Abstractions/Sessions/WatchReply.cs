namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>
/// Answer to a watch: the current view, and the retained events after the watcher's last seen eventSeq.
/// <see cref="Complete"/> is false when some of those events are no longer retained (the watcher must resync from the view).
/// </summary>
[GenerateSerializer]
[Alias("livesim.WatchReply")]
public sealed record WatchReply(
    [property: Id(0)] SessionAccess Access,
    [property: Id(1)] SessionView? View,
    [property: Id(2)] IReadOnlyList<SessionEventEnvelope> Missed,
    [property: Id(3)] bool Complete);
