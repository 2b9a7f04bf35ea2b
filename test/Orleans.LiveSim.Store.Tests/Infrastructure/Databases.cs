using Orleans.LiveSim.Store;

namespace Orleans.LiveSim.Store.Tests.Infrastructure;

/// <summary>Fresh databases with our schema applied.</summary>
public static class Databases
{
    /// <summary>Creates a database with a unique name and applies every schema script to it.</summary>
    public static async Task<string> CreateMigratedAsync(string purpose)
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync(purpose);
        await new DatabaseMigrator(connectionString).MigrateAsync();
        return connectionString;
    }
}
