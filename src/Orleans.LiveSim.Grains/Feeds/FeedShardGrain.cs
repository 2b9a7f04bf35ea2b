using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Grains.Hosting;

namespace Orleans.LiveSim.Grains.Feeds;

/// <summary>
/// A registry shard of a feed: its sessions, each with the silo it runs on. Ticks go through the per-silo fan-out
/// (<see cref="FeedHubGrain"/>); this shard keeps the sessions running. The registry is rebuilt from the session index on
/// activation, so a shard that moved silos or restarted wakes every listed session, a few at a time
/// (<see cref="SessionWaker"/>, <c>LiveSim:ResumeConcurrency</c>); each one activates, registers with its silo's fan-out
/// and backfills on its next batch. Afterwards it wakes a session again when its silo leaves the cluster (membership,
/// checked every second) or when it reports that it deactivated, so nothing waits for a delivery to bring it back.
/// </summary>
public sealed class FeedShardGrain(
    ISessionIndex index,
    IClusterMembershipService membership,
    IOptions<LiveSimOptions> options,
    LiveSimMetrics metrics,
    TimeProvider time,
    ILogger<FeedShardGrain> logger) : Grain, IFeedShardGrain
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);

    // Null: listed (or detached) and not known to run anywhere yet.
    private readonly Dictionary<string, SiloAddress?> _sessions = new(StringComparer.Ordinal);
    private SessionWaker _waker = null!;
    private MembershipVersion _version = MembershipVersion.MinValue;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.LastIndexOf('/');
        var listed = await index.ListAsync(key[..slash], int.Parse(key[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        _waker = new SessionWaker(key, GrainFactory, options.Value.ResumeConcurrency, metrics, time, logger, IsAwake, Woke);
        foreach (var id in listed)
        {
            _sessions.TryAdd(id, null);
        }

        _waker.Add(listed);
        _version = membership.CurrentSnapshot.Version;
        _waker.Pump();
        // Keeps the shard active too: it is the one that notices a dead silo's sessions.
        this.RegisterGrainTimer(Check, new GrainTimerCreationOptions(CheckEvery, CheckEvery) { KeepAlive = true });
    }

    public Task KeepAsync()
    {
        _waker.Pump();
        return Task.CompletedTask;
    }

    public Task AttachAsync(string sessionId, SiloAddress silo)
    {
        _sessions[sessionId] = silo;
        return Task.CompletedTask;
    }

    public Task DetachAsync(string sessionId, SiloAddress silo)
    {
        // Only if it still runs there as far as we know: a session that moved may attach on its new silo first.
        if (_sessions.TryGetValue(sessionId, out var at) && silo.Equals(at))
        {
            _sessions[sessionId] = null;
            _waker.Add([sessionId]);
            _waker.Pump();
        }

        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(string sessionId)
    {
        _sessions.Remove(sessionId);
        return Task.CompletedTask;
    }

    public Task<int> CountAsync() => Task.FromResult(_sessions.Count);

    private Task Check()
    {
        var snapshot = membership.CurrentSnapshot;
        if (snapshot.Version != _version)
        {
            _version = snapshot.Version;
            var lost = _sessions.Where(kv => kv.Value is { } silo && snapshot.GetSiloStatus(silo) is SiloStatus.Dead or SiloStatus.ShuttingDown or SiloStatus.Stopping)
                .Select(kv => kv.Key)
                .ToList();
            foreach (var id in lost)
            {
                _sessions[id] = null;
            }

            _waker.Add(lost);
        }

        _waker.Pump();
        return Task.CompletedTask;
    }

    private bool IsAwake(string sessionId) => !_sessions.TryGetValue(sessionId, out var silo) || silo is not null;

    private void Woke(string sessionId, SiloAddress? silo)
    {
        if (silo is null)
        {
            // It ended (or never existed) and dropped its index entry.
            _sessions.Remove(sessionId);
        }
        else if (_sessions.ContainsKey(sessionId))
        {
            _sessions[sessionId] = silo;
        }
    }
}
