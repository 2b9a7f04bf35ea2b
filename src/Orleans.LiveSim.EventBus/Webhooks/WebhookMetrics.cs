using System.Diagnostics.Metrics;
using Orleans.LiveSim.Grains.Hosting;

namespace Orleans.LiveSim.EventBus.Webhooks;

/// <summary>Webhook deliveries on <c>/metrics</c> (meter <c>Orleans.LiveSim</c>).</summary>
public sealed class WebhookMetrics(IMeterFactory meters)
{
    private readonly Meter _meter = meters.Create(LiveSimMetrics.MeterName);

    public Counter<long> Delivered => field ??= _meter.CreateCounter<long>("livesim.webhook.delivered", "{event}", "Events a webhook accepted (2xx).");

    public Counter<long> Retries => field ??= _meter.CreateCounter<long>("livesim.webhook.retries", "{attempt}", "Failed attempts that will be retried.");

    public Counter<long> Failed => field ??= _meter.CreateCounter<long>("livesim.webhook.failed", "{event}", "Events given up after the last attempt.");

    public Counter<long> Dropped => field ??= _meter.CreateCounter<long>("livesim.webhook.dropped", "{event}", "Events dropped because a webhook's queue was full.");
}
