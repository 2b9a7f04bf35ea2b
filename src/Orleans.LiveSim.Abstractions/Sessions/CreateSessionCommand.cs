using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>
/// Everything a new session needs. The token is stored only as its SHA-256 hash; <see cref="OwnerAccountId"/> is the
/// account whose API key created it (null for an anonymous caller). <see cref="BusEvents"/> are the event types it
/// publishes on the event bus from its first event on (none: no bus).
/// </summary>
[GenerateSerializer]
[Alias("livesim.CreateSessionCommand")]
public sealed record CreateSessionCommand(
    [property: Id(0)] SessionConfig Config,
    [property: Id(1)] SessionSource Source,
    [property: Id(2)] string AccessTokenHash,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] string? OwnerAccountId = null,
    [property: Id(5)] IReadOnlyList<string>? BusEvents = null);
