using System.Text.Json.Serialization.Metadata;
using Orleans.LiveSim.Abstractions.Serialization;
using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Abstractions.Events;

/// <summary>
/// The one writer of outbound events: each event is serialized once, as UTF-8, into a buffer reused per thread, and
/// every client of the session then gets the same bytes (copied once out of the buffer, never transcoded). Sessions
/// write their events with it; the front silo writes the snapshots and resyncs it sends with it.
/// </summary>
public static class SessionEventJson
{
    /// <summary><c>{"type":"keepalive"}</c> as UTF-8, shared by every client.</summary>
    public static ReadOnlyMemory<byte> KeepAliveUtf8 { get; } = WriteUtf8(KeepAliveEvent.Instance, SessionEventJsonContext.Default.KeepAliveEvent);

    /// <summary>An event of a session, in its envelope, ready for every client.</summary>
    public static SessionEventEnvelope Event<TBody>(string type, string sessionId, long eventSeq, long feedSeq, TBody body)
        where TBody : class
    {
        var e = new SessionEvent<TBody>
        {
            Type = type,
            SchemaVersion = SessionEventTypes.SchemaVersion,
            SessionId = sessionId,
            EventSeq = eventSeq,
            FeedSeq = feedSeq,
            Body = body,
        };
        // On the ordinary heap: the envelope dies young once its rooms have sent it (a session retains copies of its
        // newest events' bytes in a ring of its own for resumes, not the envelopes).
        return new SessionEventEnvelope(eventSeq, type, WriteUtf8(e, Info<TBody>.Event));
    }

    /// <summary>Writes one event as UTF-8 JSON, in an array of its own.</summary>
    public static byte[] WriteUtf8<TEvent>(TEvent e, JsonTypeInfo<TEvent> info) => Utf8Json.Write(e, info).ToArray();

    /// <summary>A <c>snapshot</c> or <c>resync</c> of <paramref name="view"/> as UTF-8, ready to send; <paramref name="info"/> comes from the options the view is shown with.</summary>
    public static byte[] SnapshotUtf8(string type, SessionView view, JsonTypeInfo<SessionSnapshot> info) => WriteUtf8(SessionSnapshot.Of(type, view), info);

    private static class Info<TBody>
        where TBody : class
    {
        public static readonly JsonTypeInfo<SessionEvent<TBody>> Event =
            (JsonTypeInfo<SessionEvent<TBody>>)SessionEventJsonContext.Default.GetTypeInfo(typeof(SessionEvent<TBody>))!;
    }
}
