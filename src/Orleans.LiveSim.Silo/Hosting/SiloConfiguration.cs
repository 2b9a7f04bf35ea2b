using System.Net;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.LiveSim.EventBus;
using Orleans.LiveSim.Grains.Hosting;
using Orleans.LiveSim.Store;

namespace Orleans.LiveSim.Silo.Hosting;

/// <summary>
/// Maps the configuration contract onto the silo: <c>LiveSim:Clustering</c> (Localhost | Postgres),
/// <c>LiveSim:Storage</c> (Memory | Postgres), <c>LiveSim:ClusterId</c>, <c>LiveSim:ServiceId</c>,
/// <c>LiveSim:SiloPort</c>, <c>LiveSim:GatewayPort</c>, <c>LiveSim:AdvertisedIP</c>, <c>LiveSim:Membership:*</c>,
/// <c>LiveSim:Database:AutoMigrate</c>, <c>ConnectionStrings:LiveSim</c>. See docs/postgres-and-cluster.md.
/// </summary>
public static class SiloConfiguration
{
    public const string StorageKey = "LiveSim:Storage";
    public const string ClusteringKey = "LiveSim:Clustering";

    public static ISiloBuilder ConfigureLiveSimSilo(this ISiloBuilder silo, IConfiguration config)
    {
        var storage = Choose(config, StorageKey, "Memory", "Memory", "Postgres");
        var clustering = Choose(config, ClusteringKey, "Localhost", "Localhost", "Postgres");
        if (clustering == "Postgres" && storage != "Postgres")
        {
            // Silos of one cluster must share session state and the feed journal, or a moved session loses both.
            throw new InvalidOperationException($"{ClusteringKey}=Postgres needs {StorageKey}=Postgres: the silos of a cluster must share session state and the feed journal.");
        }

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = config["LiveSim:ClusterId"] ?? "livesim";
            o.ServiceId = config["LiveSim:ServiceId"] ?? "livesim";
        });
        // Failure detection tuning (ProbeTimeout, NumMissedProbesLimit, ...): Orleans' defaults unless set.
        silo.Services.Configure<ClusterMembershipOptions>(config.GetSection("LiveSim:Membership"));
        var siloPort = config.GetValue("LiveSim:SiloPort", 11111);
        var gatewayPort = config.GetValue("LiveSim:GatewayPort", 30000);
        if (clustering == "Postgres")
        {
            silo.UseLiveSimPostgresClustering(config, AdvertisedIP(config), siloPort, gatewayPort);
        }
        else
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort);
        }

        silo.AddLiveSim();
        silo.AddLiveSimDelivery(config);
        if (storage == "Postgres")
        {
            silo.AddLiveSimPostgres(config);
        }

        silo.AddDashboard();
        return silo;
    }

    private static string Choose(IConfiguration config, string key, string fallback, params string[] allowed)
    {
        var value = config[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return allowed.FirstOrDefault(a => string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"{key} '{value}' is not supported; use one of: {string.Join(", ", allowed)}.");
    }

    private static IPAddress AdvertisedIP(IConfiguration config)
    {
        var value = config["LiveSim:AdvertisedIP"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(value, out var ip)
            ? ip
            : throw new InvalidOperationException($"LiveSim:AdvertisedIP '{value}' is not an IP address.");
    }
}
