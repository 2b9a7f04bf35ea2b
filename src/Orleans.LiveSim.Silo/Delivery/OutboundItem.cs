using System.Text;
using Orleans.LiveSim.Abstractions.Events;

namespace Orleans.LiveSim.Silo.Delivery;

/// <summary>One message to a client: an event (with its eventSeq as id), a snapshot, or a keep-alive.</summary>
/// <param name="Type">Event type (<c>live_tick</c>, <c>snapshot</c>, <c>resync</c>, <c>keepalive</c>, ...).</param>
/// <param name="Id">eventSeq, for SSE's <c>id:</c>; null for keep-alives.</param>
/// <param name="Utf8">The JSON as UTF-8: for an event, the session's own bytes, shared by every client (never mutated).</param>
public readonly record struct OutboundItem(string Type, long? Id, ReadOnlyMemory<byte> Utf8)
{
    /// <summary>A keep-alive: <c>{}</c> as SSE data (WebSocket clients get <c>{"type":"keepalive"}</c> instead).</summary>
    public static readonly OutboundItem KeepAlive = new(SessionEventTypes.KeepAlive, null, Encoding.UTF8.GetBytes("{}"));
}
