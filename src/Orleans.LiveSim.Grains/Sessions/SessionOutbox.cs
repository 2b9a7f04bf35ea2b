using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// A session's outbound side: the watching rooms (with leases), the events waiting to be sent to them, and
/// the newest events retained for rooms that resume. Events are only serialized and retained while someone
/// watches, or for one lease after the last watcher left (so a client that reconnects resumes exactly);
/// <see cref="Skip"/> records an event that was not, so a resume across it is reported as incomplete and the
/// client resyncs from a snapshot. An unwatched session thus keeps no events in memory.
/// </summary>
public sealed class SessionOutbox(int capacity, TimeSpan lease)
{
    private readonly Dictionary<ISessionObserver, DateTimeOffset> _watchers = [];
    private readonly Queue<SessionEventEnvelope> _retained = new();
    private readonly List<SessionEventEnvelope> _pending = [];

    // Every event with eventSeq >= _completeFrom is in _retained (or not yet emitted).
    private long _completeFrom = 1;
    private DateTimeOffset _retainUntil = DateTimeOffset.MinValue;

    public bool Watched => _watchers.Count > 0;

    /// <summary>Whether events should be serialized and kept: someone watches, or did within the last lease.</summary>
    public bool Retaining => Watched || _retained.Count > 0;

    public void Reset(long eventSeq)
    {
        _retained.Clear();
        _pending.Clear();
        _completeFrom = eventSeq + 1;
    }

    public void Watch(ISessionObserver observer, DateTimeOffset now)
    {
        _watchers[observer] = now + lease;
        _retainUntil = now + lease + lease;
    }

    public void Unwatch(ISessionObserver observer) => _watchers.Remove(observer);

    public void Add(SessionEventEnvelope envelope)
    {
        if (!Watched && _retained.Count == 0)
        {
            Skip(envelope.EventSeq);
            return;
        }

        _retained.Enqueue(envelope);
        if (_retained.Count > capacity)
        {
            _completeFrom = _retained.Dequeue().EventSeq + 1;
        }

        if (Watched)
        {
            _pending.Add(envelope);
        }
    }

    public void Skip(long eventSeq) => _completeFrom = eventSeq + 1;

    /// <summary>Retained events after <paramref name="afterEventSeq"/>, and whether they are all of them.</summary>
    public (IReadOnlyList<SessionEventEnvelope> Events, bool Complete) After(long afterEventSeq) =>
        (_retained.Where(e => e.EventSeq > afterEventSeq).ToArray(), afterEventSeq + 1 >= _completeFrom);

    /// <summary>
    /// Sends pending events to every room whose lease is current, forgets expired rooms, and once nobody has
    /// watched for a lease drops the retained events.
    /// </summary>
    public void Flush(DateTimeOffset now)
    {
        if (!Watched && _retained.Count > 0 && now > _retainUntil)
        {
            _completeFrom = _retained.Last().EventSeq + 1;
            _retained.Clear();
        }

        if (_pending.Count == 0)
        {
            return;
        }

        var batch = _pending.ToArray();
        _pending.Clear();
        List<ISessionObserver>? expired = null;
        foreach (var (observer, until) in _watchers)
        {
            if (until < now)
            {
                (expired ??= []).Add(observer);
                continue;
            }

            observer.OnEventsAsync(batch).Ignore();
        }

        expired?.ForEach(o => _watchers.Remove(o));
    }
}
