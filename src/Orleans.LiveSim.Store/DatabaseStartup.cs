using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.LiveSim.Store;

/// <summary>
/// First step of the silo's start: checks that PostgreSQL answers and, when <see cref="LiveSimStoreOptions.AutoMigrate"/>
/// is set, applies the schema scripts, before any Orleans provider touches the database. A failure stops the
/// silo with a message naming the configuration key and the host:port it tried.
/// </summary>
public sealed partial class DatabaseStartup(IOptions<LiveSimStoreOptions> options, ILogger<DatabaseStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DatabaseStartup), ServiceLifecycleStage.First, StartAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        await PostgresConnection.CheckReachableAsync(o.ConnectionString, LiveSimStoreOptions.ConnectionStringKey, cancellationToken: cancellationToken);
        if (!o.AutoMigrate)
        {
            return;
        }

        var applied = await new DatabaseMigrator(o.ConnectionString!).MigrateAsync(cancellationToken);
        LogMigrated(logger, applied.Count, string.Join(", ", applied));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema applied ({Count} scripts: {Scripts})")]
    private static partial void LogMigrated(ILogger logger, int count, string scripts);
}
