using Orleans.LiveSim.Engine.Strategies;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Engine.Wallet;

/// <summary>
/// A bet the strategy decided but that is not placed yet (its <see cref="PlacementLatency"/> has not passed): it is placed
/// on the first bettable tick of its round with <c>Tick &gt;= DueTick</c> (or, in milliseconds, <c>ReceivedAt &gt;= DueAt</c>),
/// at the stake sized when it was decided, capped at the free balance then.
/// </summary>
/// <param name="GameId">Its round.</param>
/// <param name="ScheduleIndex">k: which bet of the round's schedule.</param>
/// <param name="TargetTick">The tick the schedule wanted it on.</param>
/// <param name="DecidedAtSeq">Feed seq of the tick it was decided on.</param>
/// <param name="DecisionTick">Tick it was decided on.</param>
/// <param name="DueTick">Earliest tick it may be placed on (tick latency).</param>
/// <param name="DueAt">Earliest receive time it may be placed at (millisecond latency); null for tick latency.</param>
/// <param name="Sizing">How its stake was sized at the decision.</param>
public sealed record PendingBet(
    string GameId,
    int ScheduleIndex,
    int TargetTick,
    long DecidedAtSeq,
    int DecisionTick,
    int DueTick,
    DateTimeOffset? DueAt,
    SizingTrace Sizing)
{
    /// <summary>Whether it may be placed on <paramref name="tick"/> (a bettable tick of its round).</summary>
    public bool DueOn(FeedTick tick) => DueAt is { } at ? tick.ReceivedAt >= at : tick.Tick >= DueTick;
}
