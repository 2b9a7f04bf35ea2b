using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.LiveSim.Abstractions;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Grains.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Orleans.LiveSim.Grains.Tests;

/// <summary>
/// One in-process silo with the LiveSim grains and their embedded defaults. Feed <c>fast</c> is the synthetic
/// game at 5 ms a tick with a short cooldown; feed <c>manual</c> has no source started, so tests write its journal.
/// Replays at <c>max</c> apply 25 entries a turn and write their state every 40, so a short journal crosses both; the
/// journal is a <see cref="HeldJournal"/>.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public IFeedJournal Journal => Cluster.GetSiloServiceProvider().GetRequiredService<IFeedJournal>();

    public HeldJournal HeldJournal => (HeldJournal)Journal;

    /// <summary>What the session last wrote to the grain storage.</summary>
    public async Task<StoredSession> StoredAsync(ISessionGrain session)
    {
        var storage = Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(LiveSimConstants.StorageName);
        var state = new GrainState<StoredSession>();
        await storage.ReadStateAsync("session", session.GetGrainId(), state);
        return state.State!;
    }

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
            ["LiveSim:ReplayBatchTicks"] = "25",
            ["LiveSim:ReplayPersistEveryTicks"] = "40",
            // The shards gather batches here (the API tests run the default, immediate delivery).
            ["LiveSim:FanoutBatchMs"] = "40",
        }));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddLiveSim();
            silo.Services.AddSingleton<IFeedJournal>(new HeldJournal(new InMemoryFeedJournal()));
        });
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
