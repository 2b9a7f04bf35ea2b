using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Abstractions.Delivery;

/// <summary>
/// A webhook to register: where to POST, which event types, and its secret as <c>WebhookSecrets</c> sealed it at the
/// front silo (encrypted when <c>LiveSim:Webhooks:SecretKey</c> is set), so the plain secret never reaches the session.
/// </summary>
[GenerateSerializer]
[Alias("livesim.NewWebhook")]
public sealed record NewWebhook(
    [property: Id(0)] string Url,
    [property: Id(1)] IReadOnlyList<string> Events,
    [property: Id(2)] string SealedSecret);

/// <summary>Answer of a session's delivery calls (bus, webhooks): the access outcome and what was asked for.</summary>
[GenerateSerializer]
[Alias("livesim.DeliveryReply")]
public sealed record DeliveryReply(
    [property: Id(0)] SessionAccess Access,
    [property: Id(1)] BusView? Bus = null,
    [property: Id(2)] IReadOnlyList<WebhookView>? Webhooks = null,
    [property: Id(3)] IReadOnlyList<WebhookDelivery>? Deliveries = null,
    [property: Id(4)] string? Problem = null);
