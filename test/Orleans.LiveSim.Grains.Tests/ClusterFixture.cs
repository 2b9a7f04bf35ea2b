using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Grains.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Orleans.LiveSim.Grains.Tests;

/// <summary>
/// One in-process silo with the LiveSim grains and their embedded defaults. Feed <c>fast</c> is the synthetic
/// game at 5 ms a tick with a short cooldown; feed <c>manual</c> has no source started, so tests write its journal.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public IFeedJournal Journal => Cluster.GetSiloServiceProvider().GetRequiredService<IFeedJournal>();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LiveSim:Feeds:fast:Provider"] = "synthetic",
            ["LiveSim:Feeds:fast:Seed"] = "7",
            ["LiveSim:Feeds:fast:TickIntervalMs"] = "5",
            ["LiveSim:Feeds:fast:CooldownSeconds"] = "0",
            ["LiveSim:Feeds:manual:Provider"] = "synthetic",
            ["LiveSim:PersistEveryTicks"] = "50",
            // The shards gather batches here (the API tests run the default, immediate delivery).
            ["LiveSim:FanoutBatchMs"] = "40",
        }));
        builder.ConfigureSilo((_, silo) => silo.AddLiveSim());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
