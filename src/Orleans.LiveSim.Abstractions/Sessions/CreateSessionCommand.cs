using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>Everything a new session needs. The token is stored only as its SHA-256 hash.</summary>
[GenerateSerializer]
[Alias("livesim.CreateSessionCommand")]
public sealed record CreateSessionCommand(
    [property: Id(0)] SessionConfig Config,
    [property: Id(1)] SessionSource Source,
    [property: Id(2)] string AccessTokenHash,
    [property: Id(3)] DateTimeOffset CreatedAt);
