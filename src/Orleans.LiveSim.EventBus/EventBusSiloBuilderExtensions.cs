using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.LiveSim.EventBus.Nats;
using Orleans.LiveSim.EventBus.Webhooks;
using Orleans.LiveSim.Grains.Delivery;

namespace Orleans.LiveSim.EventBus;

/// <summary>Registers delivery to other services: the JetStream publisher when configured, and the webhook sender.</summary>
public static class EventBusSiloBuilderExtensions
{
    public static ISiloBuilder AddLiveSimDelivery(this ISiloBuilder silo, IConfiguration config)
    {
        var services = silo.Services;
        services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.Section)
            .Validate(o => o.MaxAttempts is > 0 and <= 100, "LiveSim:Webhooks:MaxAttempts must be between 1 and 100.")
            .Validate(o => o.QueueCapacity > 0 && o.LogSize > 0 && o.MaxPerSession > 0, "LiveSim:Webhooks:QueueCapacity, LogSize and MaxPerSession must be positive.")
            .Validate(o => string.IsNullOrEmpty(o.SecretKey) || WebhookSecrets.ParseKey(o.SecretKey) is not null, "LiveSim:Webhooks:SecretKey must be the base64 of 32 bytes (openssl rand -base64 32).")
            .ValidateOnStart();
        services.AddSingleton<WebhookUrlGuard>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookMetrics>();
        services.AddSingleton<IWebhooks, WebhookSender>();
        if (config["LiveSim:Storage"] == "Postgres" && string.IsNullOrEmpty(config[$"{WebhookOptions.Section}:SecretKey"]))
        {
            services.AddHostedService<PlainSecretsWarning>();
        }

        if (string.IsNullOrWhiteSpace(config[$"{EventBusOptions.Section}:Nats:Url"]))
        {
            return silo;
        }

        if (!Uri.TryCreate(config[$"{EventBusOptions.Section}:Nats:Url"], UriKind.Absolute, out var url) || url.Scheme is not ("nats" or "tls" or "ws" or "wss"))
        {
            throw new InvalidOperationException($"{EventBusOptions.Section}:Nats:Url '{config[$"{EventBusOptions.Section}:Nats:Url"]}' is not a NATS URL (nats://host:port).");
        }

        // Fails at start-up with the key named when retention or storage is not one we know.
        _ = NatsStreamSetup.Config(config.GetSection($"{EventBusOptions.Section}:Nats").Get<NatsBusOptions>() ?? new NatsBusOptions());
        services.AddSingleton<NatsEventBus>();
        services.Replace(ServiceDescriptor.Singleton<IEventBus>(sp => sp.GetRequiredService<NatsEventBus>()));
        services.AddHostedService(sp => sp.GetRequiredService<NatsEventBus>());
        return silo;
    }
}
