namespace Orleans.LiveSim.Grains.Delivery;

/// <summary>A webhook as the session stores it: where to POST which event types, and the secret that signs them.</summary>
public sealed record WebhookRegistration(string Id, string Url, IReadOnlyList<string> Events, string Secret, DateTimeOffset CreatedAt);
