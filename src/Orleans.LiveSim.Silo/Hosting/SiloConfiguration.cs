using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.LiveSim.Grains.Hosting;

namespace Orleans.LiveSim.Silo.Hosting;

/// <summary>
/// Maps the configuration contract onto the silo: <c>LiveSim:Clustering</c> (Localhost | Postgres),
/// <c>LiveSim:Storage</c> (Memory | Postgres), <c>LiveSim:ClusterId</c>, <c>LiveSim:ServiceId</c>,
/// <c>LiveSim:SiloPort</c>, <c>LiveSim:GatewayPort</c>, <c>ConnectionStrings:LiveSim</c>.
/// </summary>
public static class SiloConfiguration
{
    public static ISiloBuilder ConfigureLiveSimSilo(this ISiloBuilder silo, IConfiguration config)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = config["LiveSim:ClusterId"] ?? "livesim";
            o.ServiceId = config["LiveSim:ServiceId"] ?? "livesim";
        });
        var siloPort = config.GetValue("LiveSim:SiloPort", 11111);
        var gatewayPort = config.GetValue("LiveSim:GatewayPort", 30000);
        switch (config["LiveSim:Clustering"] ?? "Localhost")
        {
            case "Localhost":
                silo.UseLocalhostClustering(siloPort, gatewayPort);
                break;
            default:
                throw new InvalidOperationException($"LiveSim:Clustering '{config["LiveSim:Clustering"]}' is not supported (Localhost).");
        }

        silo.AddLiveSim();
        silo.AddDashboard();
        return silo;
    }
}
