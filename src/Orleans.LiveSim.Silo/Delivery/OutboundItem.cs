namespace Orleans.LiveSim.Silo.Delivery;

/// <summary>One message to a client: an event (with its eventSeq as id), a snapshot, or a keep-alive.</summary>
/// <param name="Type">Event type (<c>live_tick</c>, <c>snapshot</c>, <c>resync</c>, <c>keepalive</c>, ...).</param>
/// <param name="Id">eventSeq, for SSE's <c>id:</c>; null for keep-alives.</param>
/// <param name="Data">The JSON text.</param>
public readonly record struct OutboundItem(string Type, long? Id, string Data);
