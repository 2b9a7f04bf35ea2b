using System.Collections.Concurrent;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.Runtime;

namespace Orleans.LiveSim.Grains.Delivery;

/// <summary>
/// The session watchers (a front silo's rooms) that live on this silo, by their observer reference. A session whose
/// watcher is here hands it its events in process, on the session's own turn, instead of sending an observer call: a
/// message, an invoker and a hop to the observer's pump per watched session per tick, about a tenth of the silo with
/// 10,000 watched sessions (BENCHMARKS.md, item 3). A watcher elsewhere still gets the call. One per silo: a test
/// cluster's silos in one process each have their own.
/// </summary>
public sealed class LocalSessionObservers
{
    private readonly ConcurrentDictionary<GrainId, ISessionObserver> _observers = new();
    private long _batches;
    private long _events;

    /// <summary>Events sent to <paramref name="reference"/> go straight to <paramref name="observer"/> from now on.</summary>
    public void Add(ISessionObserver reference, ISessionObserver observer) => _observers[reference.GetGrainId()] = observer;

    public void Remove(ISessionObserver reference) => _observers.TryRemove(reference.GetGrainId(), out _);

    /// <summary>Batches handed over in process so far (a call's worth each).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Events in those batches.</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>The object behind <paramref name="reference"/> if it lives on this silo (a session looks it up once per watch).</summary>
    public ISessionObserver? Find(ISessionObserver reference) =>
        _observers.TryGetValue(reference.GetGrainId(), out var observer) ? observer : null;

    /// <summary>Hands <paramref name="batch"/> to <paramref name="observer"/>, an object <see cref="Find"/> returned.</summary>
    public void Deliver(ISessionObserver observer, IReadOnlyList<SessionEventEnvelope> batch)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _events, batch.Count);
        observer.OnEventsAsync(batch).Ignore();
    }
}
