using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Abstractions.Storage;

/// <summary>
/// What a session stores about delivery to other services, in the same write as its engine state: the event types it
/// publishes on the bus, the bus outbox (the serialized events after the last acknowledged eventSeq, so a crash
/// between applying a tick and publishing its events still publishes them after recovery), and its webhooks.
/// </summary>
public sealed record StoredDelivery
{
    /// <summary>Event types published on the bus; empty: the bus is off for this session.</summary>
    public IReadOnlyList<string> BusEvents { get; init; } = [];

    /// <summary>The first eventSeq the bus carries (the session's next event when the bus was turned on).</summary>
    public long BusFromEventSeq { get; init; }

    /// <summary>Every event up to here that the bus should carry is in the stream.</summary>
    public long BusAckedSeq { get; init; }

    /// <summary>Serialized events of the chosen types after <see cref="BusAckedSeq"/>, in eventSeq order.</summary>
    public IReadOnlyList<SessionEventEnvelope> BusPending { get; init; } = [];

    public IReadOnlyList<StoredWebhook> Webhooks { get; init; } = [];

    /// <summary>A delivery that publishes <paramref name="busEvents"/> from the session's first event on.</summary>
    public static StoredDelivery? FromStart(IReadOnlyList<string>? busEvents) =>
        busEvents is { Count: > 0 } ? new StoredDelivery { BusEvents = busEvents, BusFromEventSeq = 1 } : null;
}

/// <summary>
/// A webhook as the session stores it: where to POST which event types, and its secret as <c>WebhookSecrets</c> sealed
/// it (<c>aes256gcm:...</c> when <c>LiveSim:Webhooks:SecretKey</c> is set; otherwise <c>plain:...</c>: the HMAC needs
/// the secret itself, so without a key it is stored as given, and never shown by the API).
/// </summary>
public sealed record StoredWebhook(string Id, string Url, IReadOnlyList<string> Events, string SealedSecret, DateTimeOffset CreatedAt);
