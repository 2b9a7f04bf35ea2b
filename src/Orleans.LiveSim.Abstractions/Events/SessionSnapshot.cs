using System.Text.Json.Serialization;
using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Abstractions.Events;

/// <summary>
/// A <c>snapshot</c> (first on a new stream) or <c>resync</c> (after the client lagged or events were lost): the
/// session view in the same envelope as every event, without <c>feedSeq</c>. Its <see cref="SessionEventHeader.EventSeq"/> is the last
/// event the view includes; the stream continues after it.
/// </summary>
public sealed record SessionSnapshot : SessionEventHeader
{
    [JsonPropertyOrder(1)]
    public required SessionView Body { get; init; }

    public static SessionSnapshot Of(string type, SessionView view) => new()
    {
        Type = type,
        SchemaVersion = SessionEventTypes.SchemaVersion,
        SessionId = view.Id,
        EventSeq = view.EventSeq,
        Body = view,
    };
}
