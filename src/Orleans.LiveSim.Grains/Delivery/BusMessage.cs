using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Grains.Delivery;

/// <summary>One event on its way to the bus: the session's cursor, the epoch it was offered in, and the event itself.</summary>
public readonly record struct BusMessage(BusCursor Cursor, int Epoch, SessionEventEnvelope Event);
