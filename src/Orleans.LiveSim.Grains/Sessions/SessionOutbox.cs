using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Grains.Delivery;
using Orleans.Utilities;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// A session's outbound side: the watching rooms (an Orleans <see cref="ObserverManager{TObserver}"/>, whose
/// subscriptions expire after a lease unless renewed), the events waiting to be sent to them, and the newest events
/// retained for rooms that resume (their bytes, in <see cref="RetainedEvents"/>). Events are only serialized and
/// retained while someone watches, or for one lease after the last watcher left (so a client that reconnects resumes
/// exactly); <see cref="Skip"/> records an event that was not, so a resume across it is reported as incomplete and the
/// client resyncs from a snapshot. An unwatched session thus keeps no events in memory.
/// </summary>
public sealed class SessionOutbox
{
    private readonly TimeSpan _lease;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LocalSessionObservers? _local;
    private readonly RetainedEvents _retained;
    private readonly List<SessionEventEnvelope> _pending = [];

    // Every event with eventSeq >= _completeFrom is in _retained (or not yet emitted).
    private long _completeFrom = 1;
    private DateTimeOffset _retainUntil = DateTimeOffset.MinValue;

    // Made on the first watch: most sessions are never watched, and at 100k sessions its few hundred bytes each count.
    private ObserverManager<ISessionObserver>? _watchers;

    /// <param name="capacity">Events retained for resuming rooms.</param>
    /// <param name="capacityBytes">Bytes of event JSON retained for resuming rooms (the newest events that fit).</param>
    /// <param name="lease">How long a room's watch lasts unless renewed.</param>
    /// <param name="time">The clock leases run on. Default: the system clock.</param>
    /// <param name="logger">Where the observer manager logs. Default: nowhere.</param>
    /// <param name="local">The watchers on this silo, which get events in process. Default: none, every watcher gets a call.</param>
    public SessionOutbox(int capacity, int capacityBytes, TimeSpan lease, TimeProvider? time = null, ILogger? logger = null, LocalSessionObservers? local = null)
    {
        _retained = new RetainedEvents(capacity, capacityBytes);
        _lease = lease;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _local = local;
    }

    public bool Watched => _watchers?.Count > 0;

    /// <summary>Whether events should be serialized and kept: someone watches, or did within the last lease.</summary>
    public bool Retaining => Watched || _retained.Count > 0;

    public void Reset(long eventSeq)
    {
        _retained.Clear();
        _pending.Clear();
        _completeFrom = eventSeq + 1;
    }

    /// <summary>Registers or renews a room for one lease.</summary>
    public void Watch(ISessionObserver observer)
    {
        _watchers ??= new ObserverManager<ISessionObserver>(_lease, _logger) { GetDateTime = () => _time.GetUtcNow().UtcDateTime };
        _watchers.Subscribe(observer, observer);
        _retainUntil = _time.GetUtcNow() + _lease + _lease;
    }

    public void Unwatch(ISessionObserver observer) => _watchers?.Unsubscribe(observer);

    public void Add(SessionEventEnvelope envelope)
    {
        if (!Watched && _retained.Count == 0)
        {
            Skip(envelope.EventSeq);
            return;
        }

        var dropped = _retained.Add(envelope);
        if (dropped >= 0)
        {
            _completeFrom = dropped + 1;
        }

        if (Watched)
        {
            _pending.Add(envelope);
        }
    }

    public void Skip(long eventSeq) => _completeFrom = eventSeq + 1;

    /// <summary>Retained events after <paramref name="afterEventSeq"/>, and whether they are all of them.</summary>
    public (IReadOnlyList<SessionEventEnvelope> Events, bool Complete) After(long afterEventSeq) =>
        (_retained.After(afterEventSeq), afterEventSeq + 1 >= _completeFrom);

    /// <summary>
    /// Sends pending events to every room whose lease is current (the manager forgets expired rooms as it goes), and
    /// once nobody has watched for a lease drops the retained events.
    /// </summary>
    public void Flush()
    {
        if (!Watched && _retained.Count > 0 && _time.GetUtcNow() > _retainUntil)
        {
            _completeFrom = _retained.LastEventSeq + 1;
            _retained.Clear();
        }

        if (_pending.Count == 0)
        {
            return;
        }

        var batch = _pending.ToArray();
        _pending.Clear();
        Notify(batch);
    }

    // Its own method: a lambda capturing the batch in Flush would allocate its closure on every call, sent or not.
    private void Notify(SessionEventEnvelope[] batch) => _watchers?.Notify(room => Send(room, batch));

    // A room on this silo gets the batch in process, in order with the session's later batches; one elsewhere a call.
    // The batch is a new array, never changed after: sharing it is what the call's [Immutable] envelopes already allow.
    private void Send(ISessionObserver room, SessionEventEnvelope[] batch)
    {
        if (_local?.TryDeliver(room, batch) != true)
        {
            room.OnEventsAsync(batch).Ignore();
        }
    }
}
