using Orleans.LiveSim.Abstractions.Delivery;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Storage;

namespace Orleans.LiveSim.Grains.Delivery;

/// <summary>
/// A session activation's outbound side towards other services (plain code, driven by the grain). Events of the
/// chosen types are serialized (only for sessions that chose some: the others keep serializing nothing while
/// unwatched), kept in the bus outbox until JetStream acknowledges them (the outbox is stored with the session's state,
/// <see cref="ToStored"/>), and offered to the per-silo publisher in eventSeq order; webhooks get theirs through their
/// own ordered channels. When the outbox holds <see cref="EventBusOptions.MaxPendingEvents"/> the session is
/// <see cref="Lagging"/>: it applies no more feed entries (they stay in the journal) until the bus catches up, so a bus
/// that is down never grows silo memory.
/// </summary>
public sealed class SessionDelivery : IDisposable
{
    private readonly string _sessionId;
    private readonly string? _accountId;
    private readonly IEventBus _bus;
    private readonly Func<IWebhooks> _webhooks;
    private readonly int _maxPending;
    private readonly List<SessionEventEnvelope> _pending;
    private readonly Dictionary<string, IWebhookChannel> _channels = [];
    private IReadOnlyList<string> _busEvents;
    private readonly List<StoredWebhook> _webhookList;
    private long _busFrom;
    private long _busAcked;
    private HashSet<string> _wanted = [];
    private BusCursor? _cursor;
    private int _epoch;
    private long _offered;

    /// <param name="sessionId">The session.</param>
    /// <param name="accountId">Its owner account (the subject's account token); null: <see cref="BusSubjects.AnonymousAccount"/>.</param>
    /// <param name="stored">What the session stored about delivery; null when it delivers nothing.</param>
    /// <param name="bus">This silo's publisher.</param>
    /// <param name="webhooks">This silo's webhook sender, resolved only when the session has webhooks.</param>
    /// <param name="maxPending">Events the outbox holds before the session pauses (<c>bus_lag</c>).</param>
    public SessionDelivery(string sessionId, string? accountId, StoredDelivery? stored, IEventBus bus, Func<IWebhooks> webhooks, int maxPending)
    {
        _sessionId = sessionId;
        _accountId = accountId;
        _bus = bus;
        _webhooks = webhooks;
        _maxPending = maxPending;
        _busEvents = stored?.BusEvents ?? [];
        _busFrom = stored?.BusFromEventSeq ?? 0;
        _busAcked = stored?.BusAckedSeq ?? 0;
        _pending = [.. stored?.BusPending ?? []];
        _webhookList = [.. stored?.Webhooks ?? []];
        Configure();
    }

    /// <summary>The bus outbox is full: apply no more feed entries until it drains.</summary>
    public bool Lagging => _pending.Count >= _maxPending;

    public bool HasPending => _pending.Count > 0;

    public int PendingCount => _pending.Count;

    public bool HasBus => _busEvents.Count > 0;

    public IReadOnlyList<StoredWebhook> Webhooks => _webhookList;

    /// <summary>Whether an event of <paramref name="type"/> goes anywhere (then the runner serializes it).</summary>
    public bool Wants(string type) => _wanted.Contains(type);

    /// <summary>Reconnects the stored outbox to the bus after an activation: what the stream already holds is not sent again.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        if (_cursor is not null && await _bus.LastPublishedAsync(_cursor, cancellationToken) is { } last)
        {
            _cursor.Ack(last);
            Trim();
        }
    }

    /// <summary>An event the session emitted (already numbered and serialized).</summary>
    public void Add(SessionEventEnvelope e)
    {
        if (!_wanted.Contains(e.Type))
        {
            return;
        }

        // After a crash the session emits again what it had emitted before: the stream may already hold it.
        if (_cursor is not null && _busEvents.Contains(e.Type) && e.EventSeq > _cursor.Acked && e.EventSeq >= _busFrom
            && (_pending.Count == 0 || e.EventSeq > _pending[^1].EventSeq))
        {
            _pending.Add(e);
        }

        foreach (var webhook in _webhookList)
        {
            if (webhook.Events.Contains(e.Type) && _channels.TryGetValue(webhook.Id, out var channel))
            {
                channel.Offer(e);
            }
        }
    }

    /// <summary>Drops what the bus acknowledged and offers the rest to the publisher, in order, as far as it takes them.</summary>
    public void Drain()
    {
        if (_cursor is null)
        {
            return;
        }

        Trim();
        if (_cursor.Epoch != _epoch)
        {
            // A publish failed: everything after the last acknowledged event goes again, in order.
            _epoch = _cursor.Epoch;
            _offered = _cursor.Acked;
        }

        var start = _pending.FindIndex(e => e.EventSeq > _offered);
        if (start >= 0)
        {
            var taken = _bus.Offer(_cursor, _epoch, _pending, start);
            if (taken > 0)
            {
                _offered = _pending[start + taken - 1].EventSeq;
            }
        }

        _cursor.Pending = _pending.Count;
    }

    /// <summary>Chooses the bus's event types (empty: off); the bus carries them from <paramref name="nextEventSeq"/> on when it was off.</summary>
    public void ConfigureBus(IReadOnlyList<string> events, long nextEventSeq)
    {
        if (_busEvents.Count == 0 && events.Count > 0)
        {
            _busFrom = nextEventSeq;
            _busAcked = Math.Max(_busAcked, nextEventSeq - 1);
        }

        _busEvents = [.. events.Distinct()];
        if (_busEvents.Count == 0)
        {
            _pending.Clear();
        }
        else
        {
            // Types no longer chosen leave the outbox: the bus never carries them.
            _pending.RemoveAll(e => !_busEvents.Contains(e.Type));
        }

        Configure();
    }

    public void AddWebhook(StoredWebhook webhook)
    {
        _webhookList.Add(webhook);
        Configure();
    }

    public bool RemoveWebhook(string id)
    {
        if (_webhookList.RemoveAll(w => w.Id == id) == 0)
        {
            return false;
        }

        Configure();
        return true;
    }

    public IReadOnlyList<WebhookDelivery>? Deliveries(string webhookId) =>
        _channels.TryGetValue(webhookId, out var channel) ? channel.Deliveries() : null;

    /// <summary>The bus side of the session view.</summary>
    public BusView? View() => _busEvents.Count == 0 ? null : new BusView(
        _busEvents,
        _busFrom,
        _busAcked,
        _pending.Count,
        Lagging ? "bus_lag" : _pending.Count > 0 ? "publishing" : "caught_up",
        BusSubjects.Prefix(_accountId, _sessionId) + "*");

    /// <summary>What the session stores: null when it delivers nothing.</summary>
    public StoredDelivery? ToStored()
    {
        if (_cursor is not null)
        {
            Trim();
        }

        return _busEvents.Count == 0 && _webhookList.Count == 0 ? null : new StoredDelivery
        {
            BusEvents = _busEvents,
            BusFromEventSeq = _busFrom,
            BusAckedSeq = _busAcked,
            BusPending = [.. _pending],
            Webhooks = [.. _webhookList],
        };
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }

        _channels.Clear();
        if (_cursor is not null)
        {
            _bus.Release(_cursor);
            _cursor = null;
        }
    }

    private void Trim()
    {
        var acked = _cursor!.Acked;
        var done = _pending.FindIndex(e => e.EventSeq > acked);
        _pending.RemoveRange(0, done < 0 ? _pending.Count : done);
        _busAcked = Math.Max(_busAcked, acked);
    }

    private void Configure()
    {
        _wanted = [.. _busEvents, .. _webhookList.SelectMany(w => w.Events)];
        if (_busEvents.Count > 0 && _cursor is null)
        {
            _cursor = _bus.Open(_sessionId, _accountId);
            _cursor.Ack(_busAcked);
            _epoch = _cursor.Epoch;
            _offered = _cursor.Acked;
        }
        else if (_busEvents.Count == 0 && _cursor is not null)
        {
            _bus.Release(_cursor);
            _cursor = null;
        }

        foreach (var gone in _channels.Keys.Where(id => _webhookList.All(w => w.Id != id)).ToArray())
        {
            _channels.Remove(gone, out var channel);
            channel!.Dispose();
        }

        foreach (var webhook in _webhookList.Where(w => !_channels.ContainsKey(w.Id)))
        {
            _channels[webhook.Id] = _webhooks().Open(_sessionId, webhook);
        }
    }
}
