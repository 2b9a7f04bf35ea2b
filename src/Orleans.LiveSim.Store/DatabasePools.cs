using Npgsql;

namespace Orleans.LiveSim.Store;

/// <summary>
/// The silo's connection budget as pools: Npgsql pools per connection string, so each consumer gets its own data source
/// with its own <c>Maximum Pool Size</c> and <c>Application Name</c> (visible in <c>pg_stat_activity</c>), and together
/// they never exceed <see cref="LiveSimStoreOptions.MaxConnections"/>. A <c>Maximum Pool Size</c> in the configured
/// connection string is replaced by the budget's.
/// </summary>
public sealed class DatabasePools : IAsyncDisposable
{
    private readonly Lazy<NpgsqlDataSource> _cluster;

    /// <summary>Creates the pools (no connection is opened until one is used).</summary>
    /// <exception cref="InvalidOperationException">The connection string is missing or invalid.</exception>
    public DatabasePools(LiveSimStoreOptions options)
    {
        PostgresConnection.Validate(options.ConnectionString, LiveSimStoreOptions.ConnectionStringKey);
        Options = options;
        Sessions = Create(options.ConnectionString!, "sessions", options.SessionConnections);
        Feed = Create(options.ConnectionString!, "feed", options.FeedConnections);
        _cluster = new Lazy<NpgsqlDataSource>(() => Create(options.ConnectionString!, "cluster", options.ClusterConnections));
    }

    /// <summary>The budget these pools follow.</summary>
    public LiveSimStoreOptions Options { get; }

    /// <summary>Grain state, journal reads, the session index and recordings (and any future per-session table).</summary>
    public NpgsqlDataSource Sessions { get; }

    /// <summary>The feed journal's appends.</summary>
    public NpgsqlDataSource Feed { get; }

    /// <summary>Orleans cluster membership; created only when the silo clusters through PostgreSQL.</summary>
    public NpgsqlDataSource Cluster => _cluster.Value;

    public async ValueTask DisposeAsync()
    {
        await Sessions.DisposeAsync();
        await Feed.DisposeAsync();
        if (_cluster.IsValueCreated)
        {
            await _cluster.Value.DisposeAsync();
        }
    }

    private static NpgsqlDataSource Create(string connectionString, string pool, int size)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = size, MinPoolSize = 0 };
        builder.ApplicationName = string.IsNullOrWhiteSpace(builder.ApplicationName) ? $"livesim-{pool}" : $"{builder.ApplicationName}-{pool}";
        return NpgsqlDataSource.Create(builder);
    }
}
