using System.Diagnostics.Metrics;
using Orleans.LiveSim.Abstractions;

namespace Orleans.LiveSim.Store;

/// <summary>
/// How the silo's connection pools fare (meter <c>Orleans.LiveSim</c>, so <c>/metrics</c> exports them with the rest),
/// each tagged with its pool (<c>sessions</c>, <c>feed</c>).
/// </summary>
public sealed class DatabaseMetrics
{
    public DatabaseMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(LiveSimConstants.MeterName);
        Waiting = meter.CreateUpDownCounter<long>("livesim.database.waiting", "{operation}", "Operations waiting for one of their pool's connections.");
        Retries = meter.CreateCounter<long>("livesim.database.retries", "{attempt}", "Attempts that failed with a transient error and were retried after a backoff.");
        GaveUp = meter.CreateCounter<long>("livesim.database.gave_up", "{operation}", "Operations that still failed after retrying for LiveSim:Database:RetryFor; their callers saw the error.");
        JournalReads = meter.CreateCounter<long>("livesim.journal.reads", "{query}", "Reads of the feed journal that went to PostgreSQL (the rest were served from the silo's memory).");
        JournalRows = meter.CreateCounter<long>("livesim.journal.rows", "{entry}", "Journal entries read from PostgreSQL.");
    }

    public UpDownCounter<long> Waiting { get; }

    public Counter<long> Retries { get; }

    public Counter<long> GaveUp { get; }

    public Counter<long> JournalReads { get; }

    public Counter<long> JournalRows { get; }
}
