using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.LiveSim.Abstractions;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.Storage;

namespace Orleans.LiveSim.Store;

/// <summary>Puts a LiveSim silo on PostgreSQL: grain state, feed journal and session index, and cluster membership.</summary>
public static class LiveSimPostgresSiloBuilderExtensions
{
    /// <summary>ADO.NET invariant name that makes the Orleans providers load <c>Npgsql.NpgsqlFactory</c>.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Stores grain state (<c>livesim</c>, plain JSON without CLR type names), the feed journal, the session index and
    /// catalog, accounts and API keys, recordings and the bet ledger in
    /// PostgreSQL, replacing the in-memory defaults of <c>AddLiveSim</c> (call it after <c>AddLiveSim</c>). Checks the
    /// database before the silo starts (and applies the schema when <c>LiveSim:Database:AutoMigrate</c> is true), and
    /// resumes running replay sessions once the silo is active. All of it within the silo's connection budget
    /// (<c>LiveSim:Database:MaxConnections</c>, see <see cref="DatabasePools"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>ConnectionStrings:LiveSim</c> or a budget key is missing or invalid.</exception>
    public static ISiloBuilder AddLiveSimPostgres(this ISiloBuilder silo, IConfiguration config)
    {
        var pools = AddLiveSimDatabase(silo, config);
        var services = silo.Services;
        services.TryAddSingleton<DatabaseMetrics>();
        services.TryAddSingleton(sp => new LiveSimDatabase(
            pools,
            sp.GetRequiredService<DatabaseMetrics>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetService<TimeProvider>()));
        if (pools.Options.JournalCacheEntries > 0)
        {
            // One per silo, shared by every journal read (a sweep's variants included) and resolvable for its counters.
            services.TryAddSingleton(new JournalChunkCache(LiveSimStoreOptions.JournalChunkEntries, pools.Options.JournalCacheEntries));
        }

        services.RemoveAll<IFeedJournal>();
        services.AddSingleton<IFeedJournal>(sp => new PostgresFeedJournal(
            sp.GetRequiredService<LiveSimDatabase>(),
            sp.GetService<JournalChunkCache>(),
            sp.GetRequiredService<DatabaseMetrics>()));
        services.RemoveAll<ISessionIndex>();
        services.AddSingleton<ISessionIndex, PostgresSessionIndex>();
        services.RemoveAll<IRecordingStore>();
        services.AddSingleton<IRecordingStore, PostgresRecordingStore>();
        services.RemoveAll<ISessionCatalog>();
        services.AddSingleton<ISessionCatalog, PostgresSessionCatalog>();
        services.RemoveAll<IAccountStore>();
        services.AddSingleton<IAccountStore, PostgresAccountStore>();
        services.RemoveAll<ISessionLedger>();
        services.AddSingleton<ISessionLedger, PostgresSessionLedger>();

        // The last keyed registration wins; removing the memory one keeps it from being built at all.
        RemoveGrainStorage(services);
        silo.AddAdoNetGrainStorage(LiveSimConstants.StorageName, o =>
        {
            o.Invariant = Invariant;
            o.DataSource = pools.Sessions;
        });
        services.AddOptions<AdoNetGrainStorageOptions>(LiveSimConstants.StorageName)
            .Configure<StoredStateSerializer>((o, json) => o.GrainStorageSerializer = json);

        // Every state read and write goes through the sessions pool's gate. Orleans registers the provider's lifecycle
        // participant by resolving this same key, so the wrapper (which forwards Participate) takes its place there too.
        var provider = RemoveGrainStorage(services).Single();
        services.AddKeyedSingleton<IGrainStorage>(LiveSimConstants.StorageName, (sp, key) => new GatedGrainStorage(
            (IGrainStorage)provider.KeyedImplementationFactory!(sp, key),
            sp.GetRequiredService<LiveSimDatabase>().Sessions));
        silo.AddStartupTask<SessionResumer>();
        return silo;
    }

    /// <summary>
    /// Cluster membership in PostgreSQL (<c>OrleansMembershipTable</c>), with this silo's endpoint at
    /// <paramref name="advertisedIP"/>:<paramref name="siloPort"/> and its gateway at <paramref name="gatewayPort"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>ConnectionStrings:LiveSim</c> is missing or invalid.</exception>
    public static ISiloBuilder UseLiveSimPostgresClustering(this ISiloBuilder silo, IConfiguration config, IPAddress advertisedIP, int siloPort, int gatewayPort)
    {
        var pools = AddLiveSimDatabase(silo, config);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.DataSource = pools.Cluster;
        });
        // Listen on every interface when advertising a routable address (containers); loopback stays loopback.
        silo.ConfigureEndpoints(advertisedIP, siloPort, gatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertisedIP));
        return silo;
    }

    private static List<ServiceDescriptor> RemoveGrainStorage(IServiceCollection services)
    {
        var found = services.Where(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, LiveSimConstants.StorageName)).ToList();
        foreach (var descriptor in found)
        {
            services.Remove(descriptor);
        }

        return found;
    }

    // Storage and clustering share one budget: the first call creates the pools, the second finds them.
    private static DatabasePools AddLiveSimDatabase(ISiloBuilder silo, IConfiguration config)
    {
        var services = silo.Services;
        if (services.FirstOrDefault(d => d.ServiceType == typeof(DatabasePools))?.ImplementationInstance is DatabasePools existing)
        {
            return existing;
        }

        var options = LiveSimStoreOptions.Read(config);
        var pools = new DatabasePools(options);
        services.AddSingleton(pools);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<DatabaseStartup>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DatabaseStartup>());
        return pools;
    }
}
