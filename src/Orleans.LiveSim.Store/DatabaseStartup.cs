using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.LiveSim.Store;

/// <summary>
/// First step of the silo's start: checks that PostgreSQL answers and, when <see cref="LiveSimStoreOptions.AutoMigrate"/>
/// is set, applies the schema scripts, before any Orleans provider touches the database. A failure stops the
/// silo with a message naming the configuration key and the host:port it tried. Being first to start, it is last to
/// stop: then it closes the silo's connection pools.
/// </summary>
public sealed partial class DatabaseStartup(IOptions<LiveSimStoreOptions> options, DatabasePools pools, ILogger<DatabaseStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DatabaseStartup), ServiceLifecycleStage.First, StartAsync, StopAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        await PostgresConnection.CheckReachableAsync(o.ConnectionString, LiveSimStoreOptions.ConnectionStringKey, cancellationToken: cancellationToken);
        LogBudget(logger, o.MaxConnections, o.SessionConnections, o.FeedConnections, o.ClusterConnections);
        if (!o.AutoMigrate)
        {
            return;
        }

        var applied = await new DatabaseMigrator(o.ConnectionString!).MigrateAsync(cancellationToken);
        LogMigrated(logger, applied.Count, string.Join(", ", applied));
    }

    private async Task StopAsync(CancellationToken cancellationToken) => await pools.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema applied ({Count} scripts: {Scripts})")]
    private static partial void LogMigrated(ILogger logger, int count, string scripts);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL connection budget: at most {Max} connections (sessions {Sessions}, feed {Feed}, cluster {Cluster})")]
    private static partial void LogBudget(ILogger logger, int max, int sessions, int feed, int cluster);
}
