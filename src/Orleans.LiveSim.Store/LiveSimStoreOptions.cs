using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Orleans.LiveSim.Store;

/// <summary>
/// How a silo reaches its PostgreSQL database, and its connection budget: the most connections it ever holds,
/// split into fixed pools so that no consumer can take the others' share (docs/postgres-and-cluster.md).
/// </summary>
public sealed class LiveSimStoreOptions
{
    /// <summary>The configuration key of the connection string.</summary>
    public const string ConnectionStringKey = "ConnectionStrings:LiveSim";

    /// <summary>The configuration key of <see cref="AutoMigrate"/>.</summary>
    public const string AutoMigrateKey = "LiveSim:Database:AutoMigrate";

    /// <summary>The configuration key of <see cref="MaxConnections"/>.</summary>
    public const string MaxConnectionsKey = "LiveSim:Database:MaxConnections";

    /// <summary>The configuration key of <see cref="FeedConnections"/>.</summary>
    public const string FeedConnectionsKey = "LiveSim:Database:FeedConnections";

    /// <summary>The configuration key of <see cref="ClusterConnections"/>.</summary>
    public const string ClusterConnectionsKey = "LiveSim:Database:ClusterConnections";

    /// <summary>The configuration key of <see cref="JournalCacheEntries"/>.</summary>
    public const string JournalCacheEntriesKey = "LiveSim:Database:JournalCacheEntries";

    /// <summary>Journal entries per chunk of the silo's journal cache.</summary>
    public const int JournalChunkEntries = 4096;

    /// <summary>The configuration key of <see cref="RetryFor"/>.</summary>
    public const string RetryForKey = "LiveSim:Database:RetryFor";

    /// <summary>Npgsql connection string (<c>ConnectionStrings:LiveSim</c>). No default: required when PostgreSQL is used.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply <c>silo-config/sql/*.sql</c> before the silo starts (<c>LiveSim:Database:AutoMigrate</c>). Default false.</summary>
    public bool AutoMigrate { get; set; }

    /// <summary>
    /// The most PostgreSQL connections this silo holds at once, all pools together (<c>LiveSim:Database:MaxConnections</c>).
    /// Default 30: three silos fit in PostgreSQL's default <c>max_connections</c> of 100.
    /// </summary>
    public int MaxConnections { get; set; } = 30;

    /// <summary>
    /// Connections reserved for the feed journal's appends, so intake never waits behind sessions
    /// (<c>LiveSim:Database:FeedConnections</c>). Default 2.
    /// </summary>
    public int FeedConnections { get; set; } = 2;

    /// <summary>
    /// Connections reserved for Orleans cluster membership (<c>LiveSim:Database:ClusterConnections</c>), taken out of
    /// <see cref="MaxConnections"/> whatever the clustering: a silo that cannot renew its membership row is declared dead.
    /// Default 2.
    /// </summary>
    public int ClusterConnections { get; set; } = 2;

    /// <summary>
    /// How long an operation that failed with a transient error (server full, connection refused, ...) is retried, with
    /// backoff, before its caller sees the error (<c>LiveSim:Database:RetryFor</c>). Default 15 s: it rides out a server
    /// restart, and a caller blocked this long (the feed's pump, a session's turn) still answers within Orleans' 30 s
    /// response timeout.
    /// </summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Journal entries this silo keeps in memory as whole chunks of 4,096 below each feed's last seq
    /// (<c>LiveSim:Database:JournalCacheEntries</c>), so replays of the same range (a sweep's variants) read each chunk from
    /// PostgreSQL once; the least recently used chunks go first. About 120 bytes an entry. Default 524,288 (some 60 MB);
    /// 0 turns the cache off.
    /// </summary>
    public int JournalCacheEntries { get; set; } = 524_288;

    /// <summary>What is left for sessions: grain state, journal reads, the session index and recordings.</summary>
    public int SessionConnections => MaxConnections - FeedConnections - ClusterConnections;

    /// <summary>Reads the options from configuration and checks the budget adds up.</summary>
    /// <exception cref="InvalidOperationException">A value is not a number or the pools do not fit the budget; the message names the key.</exception>
    public static LiveSimStoreOptions Read(IConfiguration config)
    {
        var o = new LiveSimStoreOptions
        {
            ConnectionString = config[ConnectionStringKey],
            AutoMigrate = config.GetValue(AutoMigrateKey, false),
        };
        o.MaxConnections = Int(config, MaxConnectionsKey, o.MaxConnections);
        o.FeedConnections = Int(config, FeedConnectionsKey, o.FeedConnections);
        o.ClusterConnections = Int(config, ClusterConnectionsKey, o.ClusterConnections);
        o.JournalCacheEntries = Int(config, JournalCacheEntriesKey, o.JournalCacheEntries);
        var retryFor = config[RetryForKey];
        if (!string.IsNullOrWhiteSpace(retryFor))
        {
            o.RetryFor = TimeSpan.TryParse(retryFor, CultureInfo.InvariantCulture, out var t) && t >= TimeSpan.Zero
                ? t
                : throw new InvalidOperationException($"{RetryForKey} '{retryFor}' is not a duration (hh:mm:ss).");
        }

        if (o.FeedConnections < 1)
        {
            throw new InvalidOperationException($"{FeedConnectionsKey} must be at least 1 (it is {o.FeedConnections}).");
        }

        if (o.ClusterConnections < 1)
        {
            throw new InvalidOperationException($"{ClusterConnectionsKey} must be at least 1 (it is {o.ClusterConnections}).");
        }

        if (o.JournalCacheEntries != 0 && o.JournalCacheEntries < JournalChunkEntries)
        {
            throw new InvalidOperationException($"{JournalCacheEntriesKey} must be 0 (off) or at least {JournalChunkEntries} (one chunk); it is {o.JournalCacheEntries}.");
        }

        if (o.SessionConnections < 2)
        {
            throw new InvalidOperationException(
                $"{MaxConnectionsKey} ({o.MaxConnections}) leaves {o.SessionConnections} connections for sessions after {FeedConnectionsKey} ({o.FeedConnections}) " +
                $"and {ClusterConnectionsKey} ({o.ClusterConnections}); it must leave at least 2.");
        }

        return o;
    }

    private static int Int(IConfiguration config, string key, int fallback)
    {
        var value = config[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new InvalidOperationException($"{key} '{value}' is not a whole number.");
    }
}
