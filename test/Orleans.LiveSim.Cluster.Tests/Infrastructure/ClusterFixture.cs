namespace Orleans.LiveSim.Cluster.Tests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database for one test class and every silo process the class starts; disposal kills any
/// process still running and drops the database.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly List<SiloProcess> _silos = [];

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync() => ConnectionString = await PostgresServer.CreateDatabaseAsync("cluster");

    /// <summary>Starts a Postgres silo (clustering and storage) on this class's database; <paramref name="extra"/> overrides defaults.</summary>
    public SiloProcess StartSilo(int? httpPort = null, int? siloPort = null, int? gatewayPort = null, IEnumerable<string>? extra = null) =>
        Track(SiloProcess.StartPostgres(ConnectionString, httpPort, siloPort, gatewayPort, extra));

    public SiloProcess Track(SiloProcess silo)
    {
        lock (_silos)
        {
            _silos.Add(silo);
        }

        return silo;
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        if (ConnectionString.Length > 0)
        {
            await PostgresServer.DropDatabaseAsync(ConnectionString);
        }
    }
}
