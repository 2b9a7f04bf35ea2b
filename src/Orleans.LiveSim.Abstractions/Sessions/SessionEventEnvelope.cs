namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>
/// One outbound session event, already serialized once by the session (<see cref="Json"/> is the whole event
/// object: type, schemaVersion, sessionId, eventSeq, feedSeq, body) so every client gets the same bytes.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("livesim.SessionEventEnvelope")]
public sealed record SessionEventEnvelope(
    [property: Id(0)] long EventSeq,
    [property: Id(1)] string Type,
    [property: Id(2)] string Json);
