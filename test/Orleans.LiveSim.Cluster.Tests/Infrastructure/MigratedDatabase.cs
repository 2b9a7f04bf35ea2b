using Orleans.LiveSim.Store;

namespace Orleans.LiveSim.Cluster.Tests.Infrastructure;

/// <summary>A fresh, migrated PostgreSQL database for each test of a class that derives from it (dropped after the test).</summary>
public abstract class MigratedDatabase(string purpose) : IAsyncLifetime
{
    private string _connectionString = "";
    private DatabasePools? _pools;

    protected LiveSimDatabase Database => new(_pools!);

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync(purpose);
        await new DatabaseMigrator(_connectionString).MigrateAsync();
        _pools = new DatabasePools(new LiveSimStoreOptions { ConnectionString = _connectionString, MaxConnections = 6 });
    }

    public async Task DisposeAsync()
    {
        if (_pools is not null)
        {
            await _pools.DisposeAsync();
        }

        await PostgresServer.DropDatabaseAsync(_connectionString);
    }
}
