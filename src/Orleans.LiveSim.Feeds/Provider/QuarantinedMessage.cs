namespace Orleans.LiveSim.Feeds.Provider;

/// <summary>A provider message that could not be normalized, kept (bounded) for inspection.</summary>
/// <param name="ReceivedAt">When it was received.</param>
/// <param name="EventName">Socket.IO event name, or <c>(line)</c> for an unreadable recording line.</param>
/// <param name="Raw">The raw text as received (truncated to a bounded length).</param>
/// <param name="Reason">Why it was rejected.</param>
public sealed record QuarantinedMessage(DateTimeOffset ReceivedAt, string EventName, string Raw, string Reason);
