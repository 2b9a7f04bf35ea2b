using Orleans.LiveSim.Abstractions.Sweeps;
using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>
/// Everything a new session needs. The token is stored only as its SHA-256 hash; <see cref="OwnerAccountId"/> is the
/// account whose API key created it (null for an anonymous caller). A fork carries the command log it inherits from its
/// parent (<see cref="Commands"/>, applied at their seqs as the fork replays) and its parent's id.
/// <see cref="Sweep"/> is set for a sweep's variant.
/// <see cref="BusEvents"/> are the event types it publishes on the event bus from its first event on (none: no bus).
/// </summary>
[GenerateSerializer]
[Alias("livesim.CreateSessionCommand")]
public sealed record CreateSessionCommand(
    [property: Id(0)] SessionConfig Config,
    [property: Id(1)] SessionSource Source,
    [property: Id(2)] string AccessTokenHash,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] string? OwnerAccountId = null,
    [property: Id(5)] IReadOnlyList<SessionCommand>? Commands = null,
    [property: Id(6)] string? ForkOf = null,
    [property: Id(7)] SweepMembership? Sweep = null,
    [property: Id(8)] IReadOnlyList<string>? BusEvents = null);
