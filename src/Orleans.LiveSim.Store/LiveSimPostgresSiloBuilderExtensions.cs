using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.LiveSim.Abstractions;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Grains.Recordings;
using Orleans.LiveSim.Grains.Storage;
using Orleans.Storage;

namespace Orleans.LiveSim.Store;

/// <summary>Puts a LiveSim silo on PostgreSQL: grain state, feed journal and session index, and cluster membership.</summary>
public static class LiveSimPostgresSiloBuilderExtensions
{
    /// <summary>ADO.NET invariant name that makes the Orleans providers load <c>Npgsql.NpgsqlFactory</c>.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Stores grain state (<c>livesim</c>, plain JSON without CLR type names), the feed journal and the session index in
    /// PostgreSQL, replacing the in-memory defaults of <c>AddLiveSim</c> (call it after <c>AddLiveSim</c>). Checks the
    /// database before the silo starts (and applies the schema when <c>LiveSim:Database:AutoMigrate</c> is true), and
    /// resumes running replay sessions once the silo is active.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>ConnectionStrings:LiveSim</c> is missing or invalid.</exception>
    public static ISiloBuilder AddLiveSimPostgres(this ISiloBuilder silo, IConfiguration config)
    {
        var connectionString = AddLiveSimDatabase(silo, config);
        var services = silo.Services;
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.RemoveAll<IFeedJournal>();
        services.AddSingleton<IFeedJournal, PostgresFeedJournal>();
        services.RemoveAll<ISessionIndex>();
        services.AddSingleton<ISessionIndex, PostgresSessionIndex>();
        services.RemoveAll<IRecordingStore>();
        services.AddSingleton<IRecordingStore, PostgresRecordingStore>();

        // The last keyed registration wins; removing the memory one keeps it from being built at all.
        var memoryStorage = services.Where(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, LiveSimConstants.StorageName)).ToList();
        foreach (var descriptor in memoryStorage)
        {
            services.Remove(descriptor);
        }

        silo.AddAdoNetGrainStorage(LiveSimConstants.StorageName, o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        services.AddOptions<AdoNetGrainStorageOptions>(LiveSimConstants.StorageName)
            .Configure<Grains.Storage.JsonGrainStorageSerializer>((o, json) => o.GrainStorageSerializer = json);
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
        var connectionString = AddLiveSimDatabase(silo, config);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        // Listen on every interface when advertising a routable address (containers); loopback stays loopback.
        silo.ConfigureEndpoints(advertisedIP, siloPort, gatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertisedIP));
        return silo;
    }

    private static string AddLiveSimDatabase(ISiloBuilder silo, IConfiguration config)
    {
        var connectionString = config[LiveSimStoreOptions.ConnectionStringKey];
        PostgresConnection.Validate(connectionString, LiveSimStoreOptions.ConnectionStringKey);
        var services = silo.Services;
        if (services.Any(d => d.ImplementationType == typeof(DatabaseStartup)))
        {
            return connectionString!;
        }

        services.AddOptions<LiveSimStoreOptions>().Configure(o =>
        {
            o.ConnectionString = connectionString;
            o.AutoMigrate = config.GetValue(LiveSimStoreOptions.AutoMigrateKey, false);
        });
        services.AddSingleton<DatabaseStartup>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DatabaseStartup>());
        return connectionString!;
    }
}
