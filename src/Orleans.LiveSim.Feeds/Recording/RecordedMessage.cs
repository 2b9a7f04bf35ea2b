namespace Orleans.LiveSim.Feeds.Recording;

/// <summary>One line of a capture: <c>{"timestamp": ..., "event_type": ..., "data": ...}</c>.</summary>
/// <param name="Timestamp">When the message was received (UTC when the line has no offset).</param>
/// <param name="EventType">Socket.IO event name.</param>
/// <param name="RawData">Raw JSON of <c>data</c>: the single argument, or a list of all arguments.</param>
public sealed record RecordedMessage(DateTimeOffset Timestamp, string EventType, string RawData);
