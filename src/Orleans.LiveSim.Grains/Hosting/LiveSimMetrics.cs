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
        FanoutDelay = meter.CreateHistogram(
            "livesim.fanout.delay",
            "s",
            "Time from a feed entry's arrival at its adapter to the start of the fan-out turn that delivers it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = FanoutDelayBuckets });
        SessionDelay = meter.CreateHistogram(
            "livesim.session.delay",
            "s",
            "Time from a feed batch's arrival at its adapter to the end of a live session's applying it (one measurement per session per batch).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = FanoutDelayBuckets });
    }

    /// <summary>Fine buckets below 100 ms, where the fan-out's target (20 ms at p99) lies.</summary>
    public static IReadOnlyList<double> FanoutDelayBuckets { get; } =
        [0.001, 0.002, 0.005, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5];

    public Counter<long> FeedEntries { get; }

    public Counter<long> SessionTicks { get; }

    public Counter<long> SessionsCreated { get; }

    public Counter<long> SessionsEnded { get; }

    public Counter<long> SessionsWoken { get; }

    public Counter<long> WakeRetries { get; }

    public Counter<long> SessionsCaughtUp { get; }

    /// <summary>Seconds from a batch's <c>ReceivedAt</c> to the start of each fan-out turn delivering it.</summary>
    public Histogram<double> FanoutDelay { get; }

    /// <summary>Seconds from a batch's <c>ReceivedAt</c> to the end of each live session's applying it: the fan-out's delivery latency.</summary>
    public Histogram<double> SessionDelay { get; }
}
