using Orleans.LiveSim.Grains.Delivery;

namespace Orleans.LiveSim.EventBus.Nats;

/// <summary>
/// Keeps at most one event per session in flight. A publish that fails for want of an acknowledgement may still reach
/// the stream later (the NATS client flushes what it buffered while disconnected once it reconnects), so two events of
/// one session in flight at once could land in the wrong order. With one at a time a late copy can only be a repeat of
/// an event the session offers again, which JetStream drops by its <c>Nats-Msg-Id</c>. Sessions still publish side by
/// side, up to the publisher's window. Used by the publisher's one loop only.
/// </summary>
internal sealed class OnePerSession
{
    // A session with an event in flight has an entry here, holding the events it offered since, in order.
    private readonly Dictionary<BusCursor, Queue<BusMessage>> _busy = new(ReferenceEqualityComparer.Instance);
    private readonly Queue<BusMessage> _ready = new();

    /// <summary>Events taken from the queue that wait for their session's event in flight, or for the window.</summary>
    public int Waiting { get; private set; }

    /// <summary>
    /// An event read from the publisher's queue: true when it may be sent now (its session has none in flight); else
    /// it waits. An event of an epoch the publisher already failed is dropped: the session offers it again, in order.
    /// </summary>
    public bool Admit(BusMessage message)
    {
        if (message.Epoch != message.Cursor.Epoch)
        {
            return false;
        }

        if (_busy.TryGetValue(message.Cursor, out var waiting))
        {
            waiting.Enqueue(message);
            Waiting++;
            return false;
        }

        _busy[message.Cursor] = new Queue<BusMessage>();
        return true;
    }

    /// <summary>An event whose session's previous event has completed, to send now.</summary>
    public bool TryTakeReady(out BusMessage message)
    {
        if (_ready.TryDequeue(out message))
        {
            Waiting--;
            return true;
        }

        return false;
    }

    /// <summary>The session's event in flight completed (acknowledged or failed): its next current event becomes ready.</summary>
    public void Completed(BusCursor cursor)
    {
        var waiting = _busy[cursor];
        while (waiting.TryDequeue(out var next))
        {
            if (next.Epoch == cursor.Epoch)
            {
                _ready.Enqueue(next);
                return;
            }

            Waiting--;
        }

        _busy.Remove(cursor);
    }
}
