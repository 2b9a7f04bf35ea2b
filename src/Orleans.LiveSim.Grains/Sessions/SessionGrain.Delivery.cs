using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions.Delivery;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Grains.Delivery;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// The session's delivery to other services: the event bus and webhooks (see <see cref="SessionDelivery"/>). Changing
/// them needs <see cref="AccessLevel.Control"/>; so does reading them (webhook URLs may carry credentials of their own).
/// </summary>
public sealed partial class SessionGrain
{
    private static readonly TimeSpan DrainPeriod = TimeSpan.FromSeconds(1);

    private SessionDelivery? _delivery;
    private IGrainTimer? _drainTimer;

    private IEventBus Bus => ServiceProvider.GetRequiredService<IEventBus>();

    public async Task<DeliveryReply> SetBusAsync(Caller caller, IReadOnlyList<string> events)
    {
        if (await AuthorizeAsync(caller, AccessLevel.Control) is { } denied)
        {
            return new DeliveryReply(denied.Access);
        }

        if (events.Count > 0 && !Bus.Enabled)
        {
            return new DeliveryReply(SessionAccess.Conflict, Problem: EventBusOptions.NotConfigured);
        }

        var delivery = EnsureDelivery();
        delivery.ConfigureBus(events, _runner!.EventSeq + 1);
        await SaveAsync();
        DrainDelivery();
        return new DeliveryReply(SessionAccess.Ok, Bus: delivery.View());
    }

    public async Task<DeliveryReply> AddWebhookAsync(Caller caller, NewWebhook webhook)
    {
        if (await AuthorizeAsync(caller, AccessLevel.Control) is { } denied)
        {
            return new DeliveryReply(denied.Access);
        }

        var max = ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value.MaxPerSession;
        var delivery = EnsureDelivery();
        if (delivery.Webhooks.Count >= max)
        {
            return new DeliveryReply(SessionAccess.Conflict, Problem: $"A session has at most {max} webhooks (LiveSim:Webhooks:MaxPerSession).");
        }

        var registered = new StoredWebhook(Guid.NewGuid().ToString("N"), webhook.Url, [.. webhook.Events.Distinct()], webhook.SealedSecret, time.GetUtcNow());
        delivery.AddWebhook(registered);
        await SaveAsync();
        return new DeliveryReply(SessionAccess.Ok, Webhooks: [View(registered)]);
    }

    public async Task<DeliveryReply> ListWebhooksAsync(Caller caller) =>
        await AuthorizeAsync(caller, AccessLevel.Control) is { } denied
            ? new DeliveryReply(denied.Access)
            : new DeliveryReply(SessionAccess.Ok, Webhooks: [.. (_delivery?.Webhooks ?? []).Select(View)]);

    public async Task<DeliveryReply> RemoveWebhookAsync(Caller caller, string webhookId)
    {
        if (await AuthorizeAsync(caller, AccessLevel.Control) is { } denied)
        {
            return new DeliveryReply(denied.Access);
        }

        if (_delivery?.RemoveWebhook(webhookId) != true)
        {
            return new DeliveryReply(SessionAccess.NotFound);
        }

        await SaveAsync();
        return new DeliveryReply(SessionAccess.Ok);
    }

    public async Task<DeliveryReply> GetWebhookDeliveriesAsync(Caller caller, string webhookId) =>
        await AuthorizeAsync(caller, AccessLevel.Control) is { } denied
            ? new DeliveryReply(denied.Access)
            : _delivery?.Deliveries(webhookId) is { } log ? new DeliveryReply(SessionAccess.Ok, Deliveries: log) : new DeliveryReply(SessionAccess.NotFound);

    private static WebhookView View(StoredWebhook w) => new(w.Id, w.Url, w.Events, w.CreatedAt);

    /// <summary>
    /// Connects the session's stored delivery to this silo's publisher and webhook sender. After a crash the stream may
    /// hold more than the stored state says (<paramref name="recover"/>): that is not sent again.
    /// </summary>
    private async Task OpenDeliveryAsync(bool recover, CancellationToken cancellationToken)
    {
        _delivery?.Dispose();
        (_delivery, _runner!.Delivery) = (null, null);
        // A session that delivers nothing (most) carries no delivery state: nothing of it on its per-tick path.
        if (S.Delivery is null)
        {
            return;
        }

        var delivery = EnsureDelivery();
        if (delivery.HasBus)
        {
            if (recover)
            {
                await delivery.RecoverAsync(cancellationToken);
            }

            DrainDelivery();
        }
    }

    /// <summary>The session's delivery, made from its stored state the first time it is needed.</summary>
    private SessionDelivery EnsureDelivery()
    {
        if (_delivery is null)
        {
            _delivery = new SessionDelivery(
                Id,
                S.OwnerAccountId,
                S.Delivery,
                Bus,
                () => ServiceProvider.GetRequiredService<IWebhooks>(),
                ServiceProvider.GetRequiredService<IOptions<EventBusOptions>>().Value.MaxPendingEvents);
            _runner!.Delivery = _delivery;
        }

        return _delivery;
    }

    /// <summary>Offers the bus outbox; while events wait, a timer keeps draining (a held or ended session applies no ticks).</summary>
    private void DrainDelivery()
    {
        if (_delivery is null)
        {
            return;
        }

        _delivery.Drain();
        if (_delivery.HasPending && _drainTimer is null)
        {
            _drainTimer = this.RegisterGrainTimer(AsTurn(DrainTickAsync), new GrainTimerCreationOptions(DrainPeriod, DrainPeriod) { KeepAlive = true });
        }
    }

    private async Task DrainTickAsync(CancellationToken cancellationToken)
    {
        var before = _delivery!.PendingCount;
        _delivery.Drain();
        if (!Running && _delivery.PendingCount != before)
        {
            // An ended session writes no more ticks: keep its stored outbox as small as what is still unacknowledged.
            await SaveAsync();
        }

        if (!_delivery.HasPending)
        {
            _drainTimer?.Dispose();
            _drainTimer = null;
        }
    }
}
