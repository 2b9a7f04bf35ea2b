namespace Orleans.LiveSim.Abstractions.Delivery;

/// <summary>A session's webhook as the API shows it (never its secret).</summary>
[GenerateSerializer]
[Alias("livesim.WebhookView")]
public sealed record WebhookView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string> Events,
    [property: Id(3)] DateTimeOffset CreatedAt);

/// <summary>
/// One event's delivery to a webhook: <see cref="State"/> is <c>pending</c>, <c>retrying</c> (see <see cref="NextRetryAt"/>),
/// <c>delivered</c>, <c>failed</c> (given up after the last attempt) or <c>dropped</c> (the webhook's queue was full).
/// </summary>
[GenerateSerializer]
[Alias("livesim.WebhookDelivery")]
public sealed record WebhookDelivery(
    [property: Id(0)] long EventSeq,
    [property: Id(1)] string Type,
    [property: Id(2)] string State,
    [property: Id(3)] int Attempts,
    [property: Id(4)] int? LastStatus,
    [property: Id(5)] string? LastError,
    [property: Id(6)] DateTimeOffset? NextRetryAt,
    [property: Id(7)] DateTimeOffset? CompletedAt);

/// <summary>
/// A session's event bus: the types it publishes, from which eventSeq, how far JetStream acknowledged, how many events
/// wait, and <see cref="State"/>: <c>caught_up</c>, <c>publishing</c>, or <c>bus_lag</c> (the outbox is full and the
/// session waits for the bus before it applies more feed entries). <see cref="Subjects"/> is what a consumer filters on:
/// <c>livesim.{accountId}.{sessionId}.*</c>.
/// </summary>
[GenerateSerializer]
[Alias("livesim.BusView")]
public sealed record BusView(
    [property: Id(0)] IReadOnlyList<string> Events,
    [property: Id(1)] long FromEventSeq,
    [property: Id(2)] long AckedSeq,
    [property: Id(3)] int Pending,
    [property: Id(4)] string State,
    [property: Id(5)] string Subjects);
