using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.LiveSim.Abstractions;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Grains.Accounts;
using Orleans.LiveSim.Grains.Delivery;
using Orleans.LiveSim.Grains.Feeds;
using Orleans.LiveSim.Grains.Quotas;
using Orleans.LiveSim.Grains.Recordings;
using Orleans.LiveSim.Grains.Sessions;
using Orleans.LiveSim.Grains.Storage;
using Orleans.LiveSim.Grains.Sweeps;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Orleans.LiveSim.Grains.Hosting;

/// <summary>Registers the LiveSim grains' services on a silo.</summary>
public static class LiveSimSiloBuilderExtensions
{
    /// <summary>How often the feed stream's pulling agent looks for new batches (Orleans' default is 100 ms).</summary>
    public static readonly TimeSpan FeedStreamPollPeriod = TimeSpan.FromMilliseconds(5);

    /// <summary>Queues of the feed stream provider (Orleans' default is 8): each one is polled on its own.</summary>
    public const int FeedStreamQueues = 1;

    /// <summary>
    /// The grains' services with the embedded defaults (in-memory journal, index, catalog, accounts, recordings, ledger,
    /// grain storage and streams); the PostgreSQL store replaces the journal, the index, the catalog, accounts, recordings,
    /// the ledger and storage.
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
            .Validate(o => o.JournalReadBatch > 0, "LiveSim:JournalReadBatch must be positive.")
            .Validate(o => o.ReplayBatchTicks > 0, "LiveSim:ReplayBatchTicks must be positive.")
            .Validate(o => o.ReplayPersistEveryTicks > 0, "LiveSim:ReplayPersistEveryTicks must be positive.")
            .Validate(o => o.MemoryJournalEntries > 0, "LiveSim:MemoryJournalEntries must be positive.")
            .Validate(o => o.EventBufferSize > 0, "LiveSim:EventBufferSize must be positive.")
            .Validate(o => o.EventBufferBytes > 0, "LiveSim:EventBufferBytes must be positive.")
            .ValidateOnStart();
        services.AddOptions<RecordingOptions>()
            .BindConfiguration(RecordingOptions.Section)
            .Validate(o => o.MaxBytes > 0, "LiveSim:Recordings:MaxBytes must be positive.")
            .Validate(o => o.MaxTotalBytes > 0, "LiveSim:Recordings:MaxTotalBytes must be positive.")
            .ValidateOnStart();
        services.AddOptions<QuotaOptions>()
            .BindConfiguration(QuotaOptions.Section)
            .Validate(o => Valid(o.Accounts) && Valid(o.Anonymous), "LiveSim:Quotas:{Accounts,Anonymous}:{RunningSessions,Recordings,RecordingBytes} must not be negative.")
            .Validate(o => o.ReservationGrace >= TimeSpan.Zero, "LiveSim:Quotas:ReservationGrace must not be negative.")
            .ValidateOnStart();
        services.AddOptions<LedgerOptions>()
            .BindConfiguration(LedgerOptions.Section)
            .Validate(o => o.MaxEntries > 0 && o.MaxEntriesPerSession > 0, "LiveSim:Ledger:MaxEntries and MaxEntriesPerSession must be positive.")
            .ValidateOnStart();
        services.AddOptions<SweepOptions>()
            .BindConfiguration(SweepOptions.Section)
            .Validate(o => o.MaxVariants > 0 && o.MaxRunningReplays > 0 && o.CreateBatch > 0, "LiveSim:Sweeps:MaxVariants, MaxRunningReplays and CreateBatch must be positive.")
            .ValidateOnStart();
        services.AddSingleton<SweepReporting>();
        services.AddMetrics();
        services.AddSingleton<LiveSimMetrics>();
        services.AddSingleton<FeedSourceFactory>();
        services.AddSingleton<FeedStatusCache>();
        services.AddSingleton<LocalFeedSessions>();
        services.TryAddSingleton<LocalSessionObservers>();
        services.TryAddSingleton<SessionConfigs>();
        services.AddPlacementDirector<SiloKeyPlacement, SiloKeyPlacementDirector>();
        services.AddSingleton(TimeProvider.System);
        // Live feeds keep their newest entries in rings; recordings keep every entry, in storage of their own.
        services.AddSingleton<IFeedJournal>(sp => new RecordingFeedJournal(new InMemoryFeedJournal(sp.GetRequiredService<IOptions<LiveSimOptions>>().Value.MemoryJournalEntries)));
        services.AddSingleton<ISessionIndex, InMemorySessionIndex>();
        services.AddSingleton<ISessionCatalog, InMemorySessionCatalog>();
        services.AddSingleton<IAccountStore, InMemoryAccountStore>();
        services.AddSingleton<ISessionLedger, InMemorySessionLedger>();
        services.AddSingleton<IRecordingStore, InMemoryRecordingStore>();
        services.AddSingleton<RecordingImporter>();
        services.AddSingleton<StoredStateSerializer>();
        services.AddOptions<EventBusOptions>()
            .BindConfiguration(EventBusOptions.Section)
            .Validate(o => o.MaxPendingEvents > 0 && o.QueueCapacity > 0 && o.PublishWindow > 0, "LiveSim:EventBus:MaxPendingEvents, QueueCapacity and PublishWindow must be positive.")
            .ValidateOnStart();
        // No bus unless the delivery project configures one (LiveSim:EventBus:Nats:Url).
        services.TryAddSingleton<IEventBus, NoEventBus>();

        // Grain state in process (the PostgreSQL mode replaces this registration with its own).
        services.TryAddSingleton<InMemoryGrainStates>();
        services.AddKeyedSingleton<IGrainStorage>(LiveSimConstants.StorageName, (sp, _) =>
            new InMemoryGrainStorage(sp.GetRequiredService<InMemoryGrainStates>(), sp.GetRequiredService<StoredStateSerializer>(), sp.GetRequiredService<IActivatorProvider>()));
        silo.AddMemoryGrainStorage(LiveSimConstants.PubSubStore);
        silo.AddMemoryStreams(LiveSimConstants.StreamProvider, streams =>
        {
            // The pulling agent polls its queue: at Orleans' defaults (every 100 ms, 8 queues) that wait was most of a
            // tick's latency. One queue (a handful of feeds need no more) polled every 5 ms keeps the feed stream's hop
            // to a few ms for about 1 % of a core when idle (measured: docs/adr/0001-feed-fan-out.md).
            streams.ConfigurePartitioning(FeedStreamQueues);
            streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = FeedStreamPollPeriod));
        });
        return silo;
    }

    private static bool Valid(QuotaLimits limits) => limits.RunningSessions >= 0 && limits.Recordings >= 0 && limits.RecordingBytes >= 0;

    /// <summary>Adds the feed keeper that starts and keeps running the configured feeds.</summary>
    public static IServiceCollection AddLiveSimFeedKeeper(this IServiceCollection services) =>
        services.AddHostedService<FeedKeeper>();
}
