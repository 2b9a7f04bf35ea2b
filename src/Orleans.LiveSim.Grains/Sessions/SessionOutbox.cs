using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Grains.Delivery;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// A session's outbound side: the watching rooms (each watch lasts a lease unless renewed), the events waiting to be
/// sent to them, and the newest events retained for rooms that resume (their bytes, in <see cref="RetainedEvents"/>).
/// Events are only serialized and retained while someone watches, or for one lease after the last watcher left (so a
/// client that reconnects resumes exactly); <see cref="Skip"/> records an event that was not, so a resume across it is
/// reported as incomplete and the client resyncs from a snapshot. An unwatched session thus keeps no events in memory.
/// </summary>
public sealed partial class SessionOutbox
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

    // The watching rooms, oldest watch first: usually one (a room per front silo that has clients of this session).
    // Made on the first watch: most sessions are never watched. Was an Orleans ObserverManager: a dictionary of entries
    // and a closure per flush, enumerated per watched session per tick (4 % of a silo serving 10,000 WebSocket clients).
    private Watcher[]? _watchers;
    private int _watcherCount;

    /// <param name="capacity">Events retained for resuming rooms.</param>
    /// <param name="capacityBytes">Bytes of event JSON retained for resuming rooms (the newest events that fit).</param>
    /// <param name="lease">How long a room's watch lasts unless renewed.</param>
    /// <param name="time">The clock leases run on. Default: the system clock.</param>
    /// <param name="logger">Where a room that could not be sent to is logged. Default: nowhere.</param>
    /// <param name="local">The watchers on this silo, which get events in process. Default: none, every watcher gets a call.</param>
    public SessionOutbox(int capacity, int capacityBytes, TimeSpan lease, TimeProvider? time = null, ILogger? logger = null, LocalSessionObservers? local = null)
    {
        _retained = new RetainedEvents(capacity, capacityBytes);
        _lease = lease;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _local = local;
    }

    /// <summary>Whether a room watches (its lease may have run out since the last <see cref="Flush"/>, which forgets it).</summary>
    public bool Watched => _watcherCount > 0;

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
        var now = _time.GetUtcNow();
        // A room on this silo is looked up here, once a watch, and then handed its batches in process.
        var watcher = new Watcher(observer, _local?.Find(observer), now + _lease);
        var at = IndexOf(observer);
        if (at < 0)
        {
            _watchers ??= new Watcher[1];
            if (_watcherCount == _watchers.Length)
            {
                Array.Resize(ref _watchers, _watcherCount * 2);
            }

            at = _watcherCount++;
        }

        _watchers![at] = watcher;
        _retainUntil = now + _lease + _lease;
    }

    public void Unwatch(ISessionObserver observer)
    {
        var at = IndexOf(observer);
        if (at >= 0)
        {
            RemoveAt(at);
        }
    }

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
    /// Sends pending events to every room whose lease is current (forgetting expired rooms as it goes), and once nobody
    /// has watched for a lease drops the retained events.
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

    // Sends to every room whose lease is current and forgets the others (a lease ends one tick after its length). A room
    // on this silo gets the batch in process, in order with the session's later batches; one elsewhere a call. The batch
    // is a new array, never changed after: sharing it is what the call's [Immutable] envelopes already allow.
    private void Notify(SessionEventEnvelope[] batch)
    {
        var now = _time.GetUtcNow();
        for (var i = 0; i < _watcherCount;)
        {
            var watcher = _watchers![i];
            if (watcher.Until < now)
            {
                RemoveAt(i);
                continue;
            }

            try
            {
                if (watcher.Local is { } room)
                {
                    _local!.Deliver(room, batch);
                }
                else
                {
                    watcher.Reference.OnEventsAsync(batch).Ignore();
                }

                i++;
            }
            catch (Exception ex)
            {
                // A room that cannot even be called (its reference is unusable) is forgotten; it watches again to come back.
                LogRoomFailed(ex, watcher.Reference);
                RemoveAt(i);
            }
        }
    }

    private int IndexOf(ISessionObserver observer)
    {
        for (var i = 0; i < _watcherCount; i++)
        {
            if (_watchers![i].Reference.Equals(observer))
            {
                return i;
            }
        }

        return -1;
    }

    private void RemoveAt(int at)
    {
        _watcherCount--;
        Array.Copy(_watchers!, at + 1, _watchers!, at, _watcherCount - at);
        _watchers![_watcherCount] = default;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A room watching this session could not be sent to and was dropped: {Room}")]
    private partial void LogRoomFailed(Exception ex, ISessionObserver room);

    /// <param name="Reference">The room's observer reference (how it is known, and called when it is not on this silo).</param>
    /// <param name="Local">The room itself when it lives on this silo.</param>
    /// <param name="Until">When its lease ends.</param>
    private readonly record struct Watcher(ISessionObserver Reference, ISessionObserver? Local, DateTimeOffset Until);
}
