using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Abstractions.Sweeps;

/// <summary>
/// Everything a new sweep needs: the base config every variant starts from, where the ticks come from, the grid and
/// the ranking metric. The token is kept only as its SHA-256 hash; it is also every variant session's access token.
/// </summary>
[GenerateSerializer]
[Alias("livesim.CreateSweepCommand")]
public sealed record CreateSweepCommand(
    [property: Id(0)] SessionConfig BaseConfig,
    [property: Id(1)] SessionSource Source,
    [property: Id(2)] IReadOnlyList<SweepAxis> Grid,
    [property: Id(3)] SweepMetric Metric,
    [property: Id(4)] string AccessTokenHash,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] string? OwnerAccountId = null);

/// <summary>A session that is a variant of a sweep: the sweep's id and the variant's index in its grid.</summary>
[GenerateSerializer]
[Immutable]
[Alias("livesim.SweepMembership")]
public sealed record SweepMembership([property: Id(0)] string SweepId, [property: Id(1)] int Index)
{
    /// <summary>The session id of variant <paramref name="index"/> of sweep <paramref name="sweepId"/>.</summary>
    public static string SessionIdOf(string sweepId, int index) => $"{sweepId}-{index}";
}
