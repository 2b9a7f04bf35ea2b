using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Orleans.LiveSim.Store.Tests.Infrastructure;

/// <summary>One silo plus a client, ADO.NET everything, on a database of its own.</summary>
public sealed class AdoNetClusterFixture : IAsyncLifetime
{
    private TestCluster? _cluster;

    public string ConnectionString { get; private set; } = "";

    public string ClusterId { get; } = $"c-{Guid.NewGuid():N}";

    public string ServiceId { get; } = $"s-{Guid.NewGuid():N}";

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public IClusterClient Client => Cluster.Client;

    public IServiceProvider SiloServices => Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress);

    public T GetSiloService<T>() where T : notnull => SiloServices.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        ConnectionString = await Databases.CreateMigratedAsync("cluster");
        _cluster = TestSilo.Build(ConnectionString, silos: 1, ClusterId, ServiceId);
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        if (ConnectionString.Length > 0)
        {
            await PostgresServer.DropDatabaseAsync(ConnectionString);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AdoNetClusterCollection : ICollectionFixture<AdoNetClusterFixture>
{
    public const string Name = "ADO.NET cluster on PostgreSQL";
}
