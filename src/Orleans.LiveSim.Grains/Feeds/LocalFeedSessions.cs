using System.Collections.Concurrent;
using Orleans.LiveSim.Abstractions.Feeds;

namespace Orleans.LiveSim.Grains.Feeds;

/// <summary>
/// The live sessions active on this silo, by feed (one per silo), with each feed's newest batches
/// (<see cref="FeedBatchRing"/>). A session adds itself when it activates and removes itself when it deactivates or ends,
/// in process and without a call, so the silo's <see cref="FeedHubGrain"/>s hand batches to exactly the sessions that
/// run here (their <see cref="IFeedSink"/>), and a session that moved silos is found where it runs now. It lives as long
/// as the process, not as long as any grain: a fan-out that reactivates finds its sessions still here.
/// </summary>
public sealed class LocalFeedSessions
{
    // One list per feed, in the order sessions registered: the fan-out walks it in that order, which is (mostly) the order
    // the sessions' objects were allocated in, and at 100k sessions that locality measurably beat walking them by shard.
    private readonly ConcurrentDictionary<string, Part> _parts = new(StringComparer.Ordinal);

    /// <summary>Registers an active session. Idempotent.</summary>
    public void Add(string feedId, string sessionId, IFeedSink session) => PartOf(feedId).Add(sessionId, session);

    /// <summary>Unregisters a session. Idempotent.</summary>
    public void Remove(string feedId, string sessionId)
    {
        if (_parts.TryGetValue(feedId, out var part))
        {
            part.Remove(sessionId);
        }
    }

    /// <summary>The feed's newest batches on this silo, which its fan-out publishes and its sessions' inboxes read.</summary>
    public FeedBatchRing Ring(string feedId) => PartOf(feedId).Ring;

    /// <summary>
    /// Publishes <paramref name="batch"/> once in the feed's ring and posts its position to every session of the feed
    /// registered here, in registration order; returns how many sessions it was posted to.
    /// </summary>
    public int Post(string feedId, FeedBatch batch)
    {
        var part = PartOf(feedId);
        var position = part.Ring.Publish(batch);
        var sessions = part.Sessions;
        foreach (var session in sessions)
        {
            session.Post(position);
        }

        return sessions.Length;
    }

    /// <summary>Ids of the feed's sessions registered here.</summary>
    public IReadOnlyList<string> Ids(string feedId) =>
        _parts.TryGetValue(feedId, out var part) ? part.Ids.Order(StringComparer.Ordinal).ToArray() : [];

    private Part PartOf(string feedId) => _parts.GetOrAdd(feedId, static _ => new Part());

    private sealed class Part
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, IFeedSink> _sessions = new(StringComparer.Ordinal);
        private IFeedSink[]? _snapshot;

        public FeedBatchRing Ring { get; } = new();

        public IFeedSink[] Sessions
        {
            get
            {
                lock (_lock)
                {
                    return _snapshot ??= [.. _sessions.Values];
                }
            }
        }

        public string[] Ids
        {
            get
            {
                lock (_lock)
                {
                    return [.. _sessions.Keys];
                }
            }
        }

        public void Add(string id, IFeedSink session)
        {
            lock (_lock)
            {
                if (_sessions.TryAdd(id, session))
                {
                    _snapshot = null;
                }
            }
        }

        public void Remove(string id)
        {
            lock (_lock)
            {
                if (_sessions.Remove(id))
                {
                    _snapshot = null;
                }
            }
        }
    }
}
