using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.LiveSim.Abstractions;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Grains.Hosting;
using Orleans.LiveSim.Grains.Storage;
using Orleans.TestingHost;

namespace Orleans.LiveSim.Grains.Tests;

/// <summary>
/// Two silos in one process, each with its own per-silo fan-out. Feed <c>scale</c> is the synthetic game at 20 ms a tick.
/// The journal and the session index are shared by both silos, as PostgreSQL is in production (the in-memory defaults
/// are per silo). The feed stream is polled every 100 ms here instead of 5 ms, so that the stream's own polls add
/// little to the network messages a test counts per batch.
/// </summary>
public sealed class TwoSiloFixture : IAsyncLifetime
{
    public const string FeedId = "scale";

    private readonly InMemoryFeedJournal _journal = new();
    private readonly InMemorySessionIndex _index = new();
    private readonly InMemoryGrainStates _states = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public IFeedJournal Journal => _journal;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"LiveSim:Feeds:{FeedId}:Provider"] = "synthetic",
            [$"LiveSim:Feeds:{FeedId}:Seed"] = "11",
            [$"LiveSim:Feeds:{FeedId}:TickIntervalMs"] = "20",
            [$"LiveSim:Feeds:{FeedId}:CooldownSeconds"] = "0",
            ["LiveSim:PersistEveryTicks"] = "50",
        }));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddLiveSim();
            silo.Services.AddSingleton<IFeedJournal>(_journal);
            silo.Services.AddSingleton<ISessionIndex>(_index);
            // Like the journal, the embedded state store is one per process: both silos read what the other wrote.
            silo.Services.AddSingleton(_states);
            silo.Services.PostConfigure<StreamPullingAgentOptions>(LiveSimConstants.StreamProvider, o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(100));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
