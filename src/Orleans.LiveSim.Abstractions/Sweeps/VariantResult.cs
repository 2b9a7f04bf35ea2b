using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Stats;

namespace Orleans.LiveSim.Abstractions.Sweeps;

/// <summary>Where a variant stands, as its session reports it to the sweep: its status, how far it has applied the feed, its figures and its stateHash.</summary>
/// <param name="Index">The variant's index in the grid (0-based).</param>
/// <param name="SessionId">The variant's session.</param>
/// <param name="Status">The session's status.</param>
/// <param name="StatusReason">Why it ended, once it has.</param>
/// <param name="LastSeq">The last feed seq it applied.</param>
/// <param name="Stats">Its figures.</param>
/// <param name="StateHash">Its stateHash (the same as a single replay of the same range and parameters gives).</param>
[GenerateSerializer]
[Immutable]
[Alias("livesim.VariantResult")]
public sealed record VariantResult(
    [property: Id(0)] int Index,
    [property: Id(1)] string SessionId,
    [property: Id(2)] SessionStatus Status,
    [property: Id(3)] string? StatusReason,
    [property: Id(4)] long LastSeq,
    [property: Id(5)] VariantStats Stats,
    [property: Id(6)] string StateHash)
{
    public bool Ended => Status != SessionStatus.Running;
}

/// <summary>A variant's figures: the session's stats a sweep ranks and lists (the session's own view has the rest).</summary>
[GenerateSerializer]
[Immutable]
[Alias("livesim.VariantStats")]
public sealed record VariantStats(
    [property: Id(0)] long TicksProcessed,
    [property: Id(1)] long GamesSeen,
    [property: Id(2)] long BetsPlaced,
    [property: Id(3)] long BetsWon,
    [property: Id(4)] long BetsLost,
    [property: Id(5)] long BetsVoided,
    [property: Id(6)] decimal TotalWagered,
    [property: Id(7)] decimal NetPnl,
    [property: Id(8)] decimal RoiPct,
    [property: Id(9)] decimal? SharpeRatio,
    [property: Id(10)] decimal MaxDrawdownPct,
    [property: Id(11)] decimal WinRatePct,
    [property: Id(12)] decimal? ProfitFactor,
    [property: Id(13)] decimal Equity)
{
    public static VariantStats From(SessionStats s, decimal equity) => new(
        s.TicksProcessed, s.GamesSeen, s.BetsPlaced, s.BetsWon, s.BetsLost, s.BetsVoided, s.TotalWagered, s.NetPnl, s.RoiPct, s.SharpeRatio, s.MaxDrawdownPct, s.WinRatePct, s.ProfitFactor, equity);
}
