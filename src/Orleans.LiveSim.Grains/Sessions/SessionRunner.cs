using Orleans.LiveSim.Abstractions.Events;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Grains.Delivery;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// The session's engine together with its outbound side: applies entries and lifecycle changes, numbers every
/// resulting event (<c>eventSeq</c>, kept in the stored state so a replay numbers them the same) and serializes
/// them for the outbox only while someone may read them. Plain code, no Orleans: the grain adds storage and timing.
/// </summary>
public sealed class SessionRunner
{
    private readonly List<EngineEvent> _events = [];
    private readonly SessionEventWriter _writer;

    public SessionRunner(string sessionId, SessionConfig config, SessionState state, long eventSeq, SessionOutbox outbox)
    {
        _writer = new SessionEventWriter(sessionId);
        Outbox = outbox;
        Engine = new SessionEngine(config, state);
        EventSeq = eventSeq;
    }

    public SessionEngine Engine { get; }

    public SessionOutbox Outbox { get; }

    /// <summary>Delivery to other services (bus, webhooks): the types it wants are serialized even while nobody watches.</summary>
    public SessionDelivery? Delivery { get; set; }

    /// <summary>Whether the drivers must hold feed entries back for now: the bus outbox is full (<c>bus_lag</c>).</summary>
    public bool Held => Delivery?.Lagging == true;

    public bool Running => Engine.State.Status == SessionStatus.Running;

    public long LastSeq => Engine.State.LastSeq;

    /// <summary>Events emitted so far (the last eventSeq).</summary>
    public long EventSeq { get; private set; }

    /// <summary>Ticks applied since the state was last written.</summary>
    public long TicksSinceWrite { get; set; }

    /// <summary>Applies one entry (ignored when at or below <see cref="LastSeq"/>) and emits its events and its <c>live_tick</c>.</summary>
    public void Apply(FeedTick tick)
    {
        _events.Clear();
        if (!Engine.Apply(tick, _events))
        {
            return;
        }

        TicksSinceWrite++;
        EmitEvents();
        var seq = ++EventSeq;
        if (Serializes(SessionEventTypes.LiveTick))
        {
            Emit(_writer.LiveTick(seq, tick, Engine.State));
        }
        else
        {
            Outbox.Skip(seq);
        }
    }

    public void Stop(string reason)
    {
        _events.Clear();
        Engine.Stop(reason, _events);
        EmitEvents();
    }

    public void Complete(string reason)
    {
        _events.Clear();
        Engine.Complete(reason, _events);
        EmitEvents();
    }

    private void EmitEvents()
    {
        foreach (var e in _events)
        {
            // Serialized only for someone who watches (or may resume soon) or a delivery that chose its type; otherwise just counted.
            if (Serializes(SessionEventWriter.TypeOf(e)))
            {
                Emit(_writer.Domain(++EventSeq, e));
            }
            else
            {
                Outbox.Skip(++EventSeq);
            }
        }
    }

    private bool Serializes(string type) => Outbox.Retaining || Delivery?.Wants(type) == true;

    private void Emit(SessionEventEnvelope envelope)
    {
        if (Outbox.Retaining)
        {
            Outbox.Add(envelope);
        }
        else
        {
            Outbox.Skip(envelope.EventSeq);
        }

        Delivery?.Add(envelope);
    }
}
