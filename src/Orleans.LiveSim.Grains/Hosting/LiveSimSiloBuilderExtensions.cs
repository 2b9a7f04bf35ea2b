using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.LiveSim.Abstractions;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Grains.Feeds;
using Orleans.LiveSim.Grains.Recordings;
using Orleans.LiveSim.Grains.Storage;

namespace Orleans.LiveSim.Grains.Hosting;

/// <summary>Registers the LiveSim grains' services on a silo.</summary>
public static class LiveSimSiloBuilderExtensions
{
    /// <summary>
    /// The grains' services with the embedded defaults (in-memory journal, index, grain storage and streams);
    /// the PostgreSQL store replaces the journal, the index and the storage.
    /// </summary>
    public static ISiloBuilder AddLiveSim(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.AddOptions<LiveSimOptions>()
            .BindConfiguration(LiveSimOptions.Section)
            .PostConfigure(o => o.Feeds.TryAdd(LiveSimConstants.DemoFeedId, new FeedDefinition()))
            .Validate(o => o.FanoutShards is > 0 and <= 4096, "LiveSim:FanoutShards must be between 1 and 4096.")
            .Validate(o => o.PersistEveryTicks > 0, "LiveSim:PersistEveryTicks must be positive.")
            .Validate(o => o.ResumeConcurrency > 0, "LiveSim:ResumeConcurrency must be positive.")
            .ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<LiveSimMetrics>();
        services.AddSingleton<FeedSourceFactory>();
        services.AddSingleton<FeedStatusCache>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IFeedJournal>(_ => new InMemoryFeedJournal());
        services.AddSingleton<ISessionIndex, InMemorySessionIndex>();
        services.AddSingleton<IRecordingStore, InMemoryRecordingStore>();
        services.AddSingleton<RecordingImporter>();
        services.AddSingleton<StoredStateSerializer>();

        silo.AddMemoryGrainStorage(LiveSimConstants.StorageName);
        silo.AddMemoryGrainStorage(LiveSimConstants.PubSubStore);
        silo.AddMemoryStreams(LiveSimConstants.StreamProvider);
        services.AddOptions<Orleans.Configuration.MemoryGrainStorageOptions>(LiveSimConstants.StorageName)
            .Configure<StoredStateSerializer>((o, json) => o.GrainStorageSerializer = json);
        return silo;
    }

    /// <summary>Adds the feed keeper that starts and keeps running the configured feeds.</summary>
    public static IServiceCollection AddLiveSimFeedKeeper(this IServiceCollection services) =>
        services.AddHostedService<FeedKeeper>();
}
