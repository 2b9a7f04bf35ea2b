using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Orleans.LiveSim.Store.Tests;

/// <summary>
/// Test clusters whose silos and client use only the ADO.NET providers on PostgreSQL: clustering (silo and
/// gateway list), grain storage and reminders, all through the query rows our scripts install.
/// </summary>
/// <remarks>
/// The classic <see cref="TestClusterBuilder"/> is used because <c>InProcessTestClusterOptions.UseTestClusterMembership</c>
/// is internal in 10.4.2: an InProcessTestCluster always brings its own in-memory membership table.
/// </remarks>
public static class TestSilo
{
    public const string Storage = "store";
    public const string DeletingStorage = "store-delete";

    /// <summary>ADO.NET invariant name that makes the providers load Npgsql.NpgsqlFactory.</summary>
    public const string Invariant = "Npgsql";

    private const string ConnectionStringKey = "LiveSimTestPostgres";

    public static TestCluster Build(string connectionString, short silos, string clusterId, string serviceId)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.ClusterId = clusterId;
        builder.Options.ServiceId = serviceId;
        // Membership goes through OrleansMembershipTable instead of the test host's development table.
        builder.Options.UseTestClusterMembership = false;
        builder.Properties[ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        return builder.Build();
    }

    public static void ConfigureSilo(ISiloBuilder silo, string connectionString)
    {
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });

        // Stored payloads are System.Text.Json without CLR type names, so renaming a state type keeps its data.
        // AdoNetGrainStorageOptions.GrainStorageSerializer is left null: the provider then takes the silo's default
        // IGrainStorageSerializer, which this call makes the System.Text.Json one.
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.AddAdoNetGrainStorage(Storage, options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(DeletingStorage, options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
            options.DeleteStateOnClear = true;
        });

        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        // Lets the reminder test see ticks within seconds.
        silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
    }

    private static string ConnectionString(IConfiguration configuration) =>
        configuration[ConnectionStringKey] ?? throw new InvalidOperationException($"{ConnectionStringKey} missing from the test cluster properties.");

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => ConfigureSilo(siloBuilder, ConnectionString(siloBuilder.Configuration));
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
        {
            clientBuilder.UseAdoNetClustering(options =>
            {
                options.Invariant = Invariant;
                options.ConnectionString = ConnectionString(configuration);
            });
        }
    }
}
