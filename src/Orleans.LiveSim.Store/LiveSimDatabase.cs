using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Orleans.LiveSim.Store;

/// <summary>
/// The silo's gated access to PostgreSQL: one <see cref="DatabaseGate"/> per pool of <see cref="DatabasePools"/> that
/// LiveSim uses itself (Orleans membership uses its pool directly; it is small and busy only at start-up).
/// </summary>
public sealed class LiveSimDatabase
{
    /// <summary>Gates the pools.</summary>
    /// <param name="pools">The pools; their sizes are the gates' sizes.</param>
    /// <param name="metrics">Where to count waits and retries; null for none.</param>
    /// <param name="loggers">Where outages and recoveries are logged; null for nowhere.</param>
    /// <param name="time">The clock of backoffs; default the system clock.</param>
    public LiveSimDatabase(DatabasePools pools, DatabaseMetrics? metrics = null, ILoggerFactory? loggers = null, TimeProvider? time = null)
    {
        var logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger<LiveSimDatabase>();
        var o = pools.Options;
        Sessions = new DatabaseGate("sessions", pools.Sessions, o.SessionConnections, o.RetryFor, metrics, logger, time ?? TimeProvider.System);
        Feed = new DatabaseGate("feed", pools.Feed, o.FeedConnections, o.RetryFor, metrics, logger, time ?? TimeProvider.System);
    }

    /// <summary>Grain state, journal reads, the session index, recordings.</summary>
    public DatabaseGate Sessions { get; }

    /// <summary>The feed journal's appends: intake never waits behind sessions.</summary>
    public DatabaseGate Feed { get; }
}
