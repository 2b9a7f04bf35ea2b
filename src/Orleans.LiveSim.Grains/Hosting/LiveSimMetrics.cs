using System.Diagnostics.Metrics;
using Orleans.LiveSim.Abstractions;

namespace Orleans.LiveSim.Grains.Hosting;

/// <summary>
/// The simulator's own metrics (meter <c>Orleans.LiveSim</c>), exported by the front silo at <c>/metrics</c>:
/// what the feeds accepted and what the sessions applied, placed and settled. Counted per batch, not per event,
/// so the hot path pays one add per call.
/// </summary>
public sealed class LiveSimMetrics
{
    public const string MeterName = LiveSimConstants.MeterName;

    public LiveSimMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        FeedEntries = meter.CreateCounter<long>("livesim.feed.entries", "{entry}", "Feed entries journaled and published.");
        SessionTicks = meter.CreateCounter<long>("livesim.session.ticks", "{tick}", "Feed entries applied by sessions (session-ticks).");
        SessionsCreated = meter.CreateCounter<long>("livesim.sessions.created", "{session}", "Sessions created.");
        SessionsEnded = meter.CreateCounter<long>("livesim.sessions.ended", "{session}", "Sessions stopped or completed.");
        SessionsWoken = meter.CreateCounter<long>("livesim.sessions.woken", "{session}", "Sessions a fan-out shard woke after it (re)activated (restart, failover).");
        WakeRetries = meter.CreateCounter<long>("livesim.sessions.wake_retries", "{attempt}", "Wakes of a session that failed and were retried after a backoff.");
        SessionsCaughtUp = meter.CreateCounter<long>("livesim.sessions.caught_up", "{session}", "Activations of live sessions that applied their first live batch (after any backfill).");
    }

    public Counter<long> FeedEntries { get; }

    public Counter<long> SessionTicks { get; }

    public Counter<long> SessionsCreated { get; }

    public Counter<long> SessionsEnded { get; }

    public Counter<long> SessionsWoken { get; }

    public Counter<long> WakeRetries { get; }

    public Counter<long> SessionsCaughtUp { get; }
}
