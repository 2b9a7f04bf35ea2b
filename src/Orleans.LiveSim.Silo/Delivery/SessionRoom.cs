using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Silo.Delivery;

/// <summary>
/// This silo's single watch of one session, shared by all of the session's clients here: the session sends
/// each event once to the room, and the room copies it into each client's queue. The room renews its lease,
/// and on a hole in eventSeq (the session moved or restarted) asks for the missed events again.
/// </summary>
public sealed class SessionRoom(string sessionId, Caller caller, ISessionGrain session) : ISessionObserver
{
    private readonly object _gate = new();
    private readonly List<RoomClient> _clients = [];
    private long _lastSeq = -1;

    public string SessionId { get; } = sessionId;

    /// <summary>Whose watch this is: the room re-watches (and resyncs its clients) with the same credentials.</summary>
    public Caller Caller { get; } = caller;

    public ISessionGrain Session { get; } = session;

    public ISessionObserver? Reference { get; set; }

    /// <summary>The SHA-256 of the API key the room's account came from, if any: the room closes when that key is revoked.</summary>
    public string? ApiKeyHash { get; init; }

    public int ClientCount
    {
        get
        {
            lock (_gate)
            {
                return _clients.Count;
            }
        }
    }

    public long LastSeq
    {
        get
        {
            lock (_gate)
            {
                return _lastSeq;
            }
        }
    }

    public void Add(RoomClient client)
    {
        lock (_gate)
        {
            _clients.Add(client);
        }
    }

    /// <summary>Removes a client; true when the room is now empty.</summary>
    public bool Remove(RoomClient client)
    {
        lock (_gate)
        {
            _clients.Remove(client);
            return _clients.Count == 0;
        }
    }

    /// <summary>Starts counting from the view a (re)watch returned.</summary>
    public void Seed(long eventSeq)
    {
        lock (_gate)
        {
            _lastSeq = Math.Max(_lastSeq, eventSeq);
        }
    }

    public Task OnEventsAsync(IReadOnlyList<SessionEventEnvelope> events)
    {
        Deliver(events, complete: true);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Copies new events (eventSeq above the last delivered) to every client. When events are missing
    /// (<paramref name="complete"/> false, or a hole before the first), clients are told to resync.
    /// </summary>
    public bool Deliver(IReadOnlyList<SessionEventEnvelope> events, bool complete)
    {
        lock (_gate)
        {
            var hole = !complete;
            foreach (var e in events)
            {
                if (e.EventSeq <= _lastSeq)
                {
                    continue;
                }

                if (_lastSeq >= 0 && e.EventSeq != _lastSeq + 1)
                {
                    hole = true;
                }

                _lastSeq = e.EventSeq;
                foreach (var client in _clients)
                {
                    client.Offer(e);
                }
            }

            if (hole)
            {
                _clients.ForEach(c => c.NeedsResync = true);
            }

            return hole;
        }
    }

    public void CloseAll()
    {
        lock (_gate)
        {
            _clients.ForEach(c => c.Close());
            _clients.Clear();
        }
    }
}
