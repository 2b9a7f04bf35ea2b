using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.LiveSim.Abstractions;
using Orleans.LiveSim.EventBus;
using Orleans.LiveSim.Grains.Hosting;
using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.LoadDriver;

/// <summary>
/// The silo a run measures, on loopback only: the bare Orleans silo with <c>AddLiveSim()</c> (the default, as in every
/// earlier run), or, when WebSocket watchers are asked for, the real ASP.NET Core front silo (<see cref="LiveSimHost"/>).
/// </summary>
public sealed class SiloHost(DriverOptions options, FeedProbe probe, ObserverProbe observers, Func<bool> stopping)
{
    public const string FeedId = "bench";

    /// <summary>The front silo's URL; null for the bare silo.</summary>
    public Uri? Url { get; private set; }

    public IHost Build()
    {
        var settings = new Dictionary<string, string?>
        {
            ["LiveSim:FanoutShards"] = options.Shards.ToString(CultureInfo.InvariantCulture),
            ["LiveSim:FanoutBatchMs"] = options.BatchMs.ToString(CultureInfo.InvariantCulture),
            [$"LiveSim:Feeds:{FeedId}:Provider"] = "synthetic",
            [$"LiveSim:Feeds:{FeedId}:Seed"] = "42",
            [$"LiveSim:Feeds:{FeedId}:TickIntervalMs"] = options.TickMs.ToString(CultureInfo.InvariantCulture),
            [$"LiveSim:Feeds:{FeedId}:CooldownSeconds"] = "15",
            // The driver creates its sessions anonymously, far past the quota all anonymous callers share by default.
            ["LiveSim:Quotas:Anonymous:RunningSessions"] = "10000000",
            ["LiveSim:Feeds:demo:AutoStart"] = "false",
        };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        var (siloPort, gatewayPort) = (FreePort(), FreePort());
        if (options.Watchers > 0)
        {
            Url = new Uri($"http://127.0.0.1:{FreePort()}");
            settings["LiveSim:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
            settings["LiveSim:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
            settings["LiveSim:OperatorKey"] = "load-driver";
            settings["Logging:LogLevel:Default"] = "Warning";
            var args = settings.Select(kv => $"--{kv.Key}={kv.Value}").Append($"--urls={Url}").ToArray();
            return LiveSimHost.Build(args, silo =>
            {
                Probes(silo);
                silo.Services.AddLogging(l => l.AddFilter((_, _, level) => level >= LogLevel.Warning && !stopping()));
            });
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddFilter((_, _, level) => level >= LogLevel.Warning && !stopping());
        builder.UseOrleans(silo =>
        {
            // Loopback only: UseLocalhostClustering binds the silo and gateway endpoints to 127.0.0.1.
            silo.UseLocalhostClustering(siloPort, gatewayPort);
            silo.AddLiveSim();
            // The event bus and webhooks as the front silo has them (the bus only with LiveSim:EventBus:Nats:Url).
            silo.AddLiveSimDelivery(builder.Configuration);
            Probes(silo);
        });
        return builder.Build();
    }

    private void Probes(ISiloBuilder silo)
    {
        silo.Services.AddSingleton(probe);
        silo.Services.AddSingleton(observers);
        if (options.Probe)
        {
            silo.AddIncomingGrainCallFilter<FeedProbeFilter>();
        }

        if (options.Watchers > 0)
        {
            silo.AddOutgoingGrainCallFilter<ObserverProbeFilter>();
        }

        // Experiments on the feed stream's hop, applied over the product's own settings.
        if (options.StreamPollMs is { } poll)
        {
            silo.Services.PostConfigure<StreamPullingAgentOptions>(LiveSimConstants.StreamProvider, o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(poll));
        }

        if (options.StreamQueues is { } queues)
        {
            silo.Services.PostConfigure<HashRingStreamQueueMapperOptions>(LiveSimConstants.StreamProvider, o => o.TotalQueueCount = queues);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
