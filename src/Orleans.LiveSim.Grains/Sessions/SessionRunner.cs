using Orleans.LiveSim.Abstractions.Events;
using Orleans.LiveSim.Abstractions.Ledger;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Grains.Delivery;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// The session's engine together with its outbound side: applies entries, owner commands and lifecycle changes, numbers
/// every resulting event (<c>eventSeq</c>, kept in the stored state so a replay numbers them the same), serializes them
/// for the outbox only while someone may read them, and holds back the ledger entries of its bets until the grain writes
/// them (<see cref="PendingLedger"/>). Commands of its log that take effect after a seq it has not applied yet are applied
/// right after it applies that seq, as they were the first time. Plain code, no Orleans: the grain adds storage and timing.
/// </summary>
public sealed class SessionRunner
{
    private readonly List<EngineEvent> _events = [];
    private readonly SessionEventWriter _writer;
    private readonly Queue<SessionCommand> _commands;

    // Only bets (placed, settled, skipped) make entries: an ordinary tick adds nothing here.
    private List<LedgerEntry> _ledger = [];

    public SessionRunner(string sessionId, SessionConfig config, SessionState state, long eventSeq, SessionOutbox outbox, IEnumerable<SessionCommand>? commands = null)
    {
        _writer = new SessionEventWriter(sessionId);
        Outbox = outbox;
        Engine = new SessionEngine(config, state);
        EventSeq = eventSeq;
        _commands = new Queue<SessionCommand>((commands ?? []).Where(c => c.AfterSeq > state.LastSeq).OrderBy(c => c.AfterSeq));
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

    /// <summary>Applies one entry (ignored when at or below <see cref="LastSeq"/>), emits its events and its <c>live_tick</c>, then the commands due after it.</summary>
    public void Apply(FeedTick tick)
    {
        _events.Clear();
        if (!Engine.Apply(tick, _events))
        {
            return;
        }

        TicksSinceWrite++;
        EmitEvents(tick.ReceivedAt);
        var seq = ++EventSeq;
        if (Serializes(SessionEventTypes.LiveTick))
        {
            Emit(_writer.LiveTick(seq, tick, Engine.State));
        }
        else
        {
            Outbox.Skip(seq);
        }

        while (_commands.TryPeek(out var command) && command.AfterSeq <= LastSeq)
        {
            Execute(_commands.Dequeue().Kind);
        }
    }

    /// <summary>Applies an owner's command now (after <see cref="LastSeq"/>); false when it changes nothing (already paused, ended).</summary>
    public bool Execute(SessionCommandKind kind)
    {
        _events.Clear();
        var changed = kind == SessionCommandKind.Pause ? Engine.Pause(_events) : Engine.Resume(_events);
        EmitEvents(LastTickTime);
        return changed;
    }

    public void Stop(string reason)
    {
        _events.Clear();
        Engine.Stop(reason, _events);
        EmitEvents(LastTickTime);
    }

    public void Complete(string reason)
    {
        _events.Clear();
        Engine.Complete(reason, _events);
        EmitEvents(LastTickTime);
    }

    /// <summary>The ledger entries made and not yet written, in eventSeq order.</summary>
    public IReadOnlyList<LedgerEntry> PendingLedger => _ledger;

    /// <summary>The first <paramref name="count"/> entries of <see cref="PendingLedger"/> were written: forget them.</summary>
    public void LedgerWritten(int count)
    {
        if (count == _ledger.Count)
        {
            _ledger = [];
        }
        else
        {
            _ledger.RemoveRange(0, count);
        }
    }

    private DateTimeOffset LastTickTime => Engine.State.LastTickReceivedAt ?? default;

    private void EmitEvents(DateTimeOffset at)
    {
        foreach (var e in _events)
        {
            var eventSeq = ++EventSeq;
            if (SessionLedgerEntries.Of(eventSeq, e, at) is { } entry)
            {
                _ledger.Add(entry);
            }

            // Serialized only for someone who watches (or may resume soon) or a delivery that chose its type; otherwise just counted.
            if (Serializes(SessionEventWriter.TypeOf(e)))
            {
                Emit(_writer.Domain(eventSeq, e));
            }
            else
            {
                Outbox.Skip(eventSeq);
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
