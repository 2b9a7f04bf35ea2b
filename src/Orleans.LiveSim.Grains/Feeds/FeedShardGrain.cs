using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Grains.Hosting;

namespace Orleans.LiveSim.Grains.Feeds;

/// <summary>
/// A registry of the sessions of one feed shard, each called with a one-way call per batch (about 3-4 us each,
/// against about 11 us for a stream delivery; see docs/adr/0001). The registry is rebuilt from the session
/// index on activation, so a shard that moved silos or restarted keeps delivering to the same sessions: it wakes
/// them a few at a time (<see cref="SessionWaker"/>, <c>LiveSim:ResumeConcurrency</c>) and delivers to each once it
/// has subscribed again. With <c>LiveSim:FanoutBatchMs</c> it gathers consecutive batches and delivers them together.
/// </summary>
public sealed class FeedShardGrain(
    ISessionIndex index,
    IOptions<LiveSimOptions> options,
    LiveSimMetrics metrics,
    TimeProvider time,
    ILogger<FeedShardGrain> logger) : Grain, IFeedShardGrain
{
    private readonly Dictionary<string, ISessionGrain> _sessions = new(StringComparer.Ordinal);
    private readonly List<FeedTick> _pending = [];
    private IGrainTimer? _flushTimer;
    private SessionWaker? _waker;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.LastIndexOf('/');
        var listed = await index.ListAsync(key[..slash], int.Parse(key[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        _waker = new SessionWaker(key, GrainFactory, options.Value.ResumeConcurrency, metrics, time, logger);
        // A session that ended meanwhile is registered too: its next delivery unsubscribes it (OnFeedAsync).
        _waker.Add(listed, _sessions.ContainsKey, id => _sessions.TryAdd(id, GrainFactory.GetGrain<ISessionGrain>(id)));
    }

    public Task DeliverAsync(FeedBatch batch)
    {
        if (batch.ReceivedAt is { } receivedAt)
        {
            metrics.FanoutDelay.Record((time.GetUtcNow() - receivedAt).TotalSeconds);
        }

        _waker?.Pump();
        var period = options.Value.FanoutBatchMs;
        if (period <= 0)
        {
            Send(batch);
            return Task.CompletedTask;
        }

        // A gathered batch stays contiguous: anything else goes out first (sessions backfill what never arrived).
        if (_pending.Count > 0 && batch.FirstSeq != _pending[^1].Seq + 1)
        {
            Flush(batch.FeedId);
        }

        _pending.AddRange(batch.Ticks);
        _flushTimer ??= this.RegisterGrainTimer(
            () =>
            {
                Flush(batch.FeedId);
                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(TimeSpan.FromMilliseconds(period), TimeSpan.FromMilliseconds(period)));
        return Task.CompletedTask;
    }

    public Task SubscribeAsync(string sessionId)
    {
        _sessions.TryAdd(sessionId, GrainFactory.GetGrain<ISessionGrain>(sessionId));
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(string sessionId)
    {
        _sessions.Remove(sessionId);
        return Task.CompletedTask;
    }

    public Task<int> CountAsync() => Task.FromResult(_sessions.Count + (_waker?.Pending ?? 0));

    private void Flush(string feedId)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        Send(new FeedBatch(feedId, _pending.ToArray()));
        _pending.Clear();
    }

    private void Send(FeedBatch batch)
    {
        foreach (var session in _sessions.Values)
        {
            session.OnFeedAsync(batch).Ignore();
        }
    }
}
