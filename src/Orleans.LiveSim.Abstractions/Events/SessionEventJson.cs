using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Abstractions.Events;

/// <summary>
/// The one writer of outbound events: each event is serialized once, as UTF-8, into a buffer reused per thread, and
/// every client of the session then gets the same bytes (copied once out of the buffer, never transcoded). Sessions
/// write their events with it; the front silo writes the snapshots and resyncs it sends with it.
/// </summary>
public static class SessionEventJson
{
    // One buffer per thread, not per session: writing is synchronous, and 100k sessions need not hold 100k buffers.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    /// <summary><c>{"type":"keepalive"}</c>.</summary>
    public static string KeepAlive { get; } = Write(KeepAliveEvent.Instance, SessionEventJsonContext.Default.KeepAliveEvent);

    /// <summary><see cref="KeepAlive"/> as UTF-8, shared by every client.</summary>
    public static ReadOnlyMemory<byte> KeepAliveUtf8 { get; } = Encoding.UTF8.GetBytes(KeepAlive);

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
        return new SessionEventEnvelope(eventSeq, type, Retainable(Serialize(e, Info<TBody>.Event)));
    }

    /// <summary>A <c>snapshot</c> or <c>resync</c> of <paramref name="view"/>; <paramref name="info"/> comes from the options the view is shown with.</summary>
    public static string Snapshot(string type, SessionView view, JsonTypeInfo<SessionSnapshot> info) => Write(SessionSnapshot.Of(type, view), info);

    /// <summary>Writes one event as JSON text.</summary>
    public static string Write<TEvent>(TEvent e, JsonTypeInfo<TEvent> info) => Encoding.UTF8.GetString(Serialize(e, info));

    /// <summary>Writes one event as UTF-8 JSON, in an array of its own.</summary>
    public static byte[] WriteUtf8<TEvent>(TEvent e, JsonTypeInfo<TEvent> info) => Serialize(e, info).ToArray();

    /// <summary>A <c>snapshot</c> or <c>resync</c> of <paramref name="view"/> as UTF-8, ready to send.</summary>
    public static byte[] SnapshotUtf8(string type, SessionView view, JsonTypeInfo<SessionSnapshot> info) => WriteUtf8(SessionSnapshot.Of(type, view), info);

    // A watched session keeps its newest events for resumes (up to EventBufferSize, or a lease after the last watcher),
    // so nearly every event outlives gen0: on the normal heap each one's bytes were copied to gen1 and again to gen2 by
    // the collector, tens of MB a second at 10k watched sessions. On the pinned object heap they are written once and
    // never moved (freed by gen2 collections, which run in the background); pinned also suits their only use, socket sends.
    private static byte[] Retainable(ReadOnlySpan<byte> json)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(json.Length, pinned: true);
        json.CopyTo(bytes);
        return bytes;
    }

    // The span is valid until the next write on this thread.
    private static ReadOnlySpan<byte> Serialize<TEvent>(TEvent e, JsonTypeInfo<TEvent> info)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = _writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, e, info);
        return buffer.WrittenSpan;
    }

    private static class Info<TBody>
        where TBody : class
    {
        public static readonly JsonTypeInfo<SessionEvent<TBody>> Event =
            (JsonTypeInfo<SessionEvent<TBody>>)SessionEventJsonContext.Default.GetTypeInfo(typeof(SessionEvent<TBody>))!;
    }
}
