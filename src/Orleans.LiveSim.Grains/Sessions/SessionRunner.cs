using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Ticks;

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
        if (Outbox.Retaining)
        {
            Outbox.Add(_writer.LiveTick(seq, tick, Engine.State));
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
            // Serialized only for someone who watches (or may resume soon); otherwise just counted.
            if (Outbox.Retaining)
            {
                Outbox.Add(_writer.Domain(++EventSeq, e));
            }
            else
            {
                Outbox.Skip(++EventSeq);
            }
        }
    }
}
