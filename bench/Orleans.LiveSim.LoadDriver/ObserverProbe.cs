using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Grains.Delivery;

namespace Orleans.LiveSim.LoadDriver;

/// <summary>
/// Counts what sessions send to the front silo's rooms (<see cref="ISessionObserver.OnEventsAsync"/>): one call per
/// room, whatever the number of clients in it, or one hand-over in process when the room is on the session's silo
/// (<see cref="LocalSessionObservers"/>). Compared with the frames the clients receive, it shows that an event travels
/// (and was serialized) once per front silo, and the fan-out to clients happens there.
/// </summary>
public sealed class ObserverProbe
{
    private long _calls;
    private long _events;

    /// <summary>The silo's in-process deliveries, counted with the calls once the silo runs.</summary>
    public LocalSessionObservers? Local { get; set; }

    public long Calls => Interlocked.Read(ref _calls) + (Local?.Batches ?? 0);

    public long Events => Interlocked.Read(ref _events) + (Local?.Events ?? 0);

    public void Record(int events)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _events, events);
    }
}

/// <summary>The silo-side hook of <see cref="ObserverProbe"/>: sees every outgoing call to a room.</summary>
public sealed class ObserverProbeFilter(ObserverProbe probe) : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.Request.GetInterfaceType() == typeof(ISessionObserver) && context.Request.GetArgument(0) is IReadOnlyList<SessionEventEnvelope> events)
        {
            probe.Record(events.Count);
        }

        return context.Invoke();
    }
}
