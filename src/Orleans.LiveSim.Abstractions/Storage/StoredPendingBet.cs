using Orleans.LiveSim.Abstractions.Ledger;
using Orleans.LiveSim.Engine.Wallet;

namespace Orleans.LiveSim.Abstractions.Storage;

/// <summary>A decided bet waiting for its placement latency (<see cref="PendingBet"/>) as a session stores it.</summary>
public sealed record StoredPendingBet(
    string GameId,
    int ScheduleIndex,
    int TargetTick,
    long DecidedAtSeq,
    int DecisionTick,
    int DueTick,
    DateTimeOffset? DueAt,
    SizingView Sizing)
{
    public static StoredPendingBet From(PendingBet p) =>
        new(p.GameId, p.ScheduleIndex, p.TargetTick, p.DecidedAtSeq, p.DecisionTick, p.DueTick, p.DueAt, SizingView.From(p.Sizing));

    public PendingBet ToPendingBet() =>
        new(GameId, ScheduleIndex, TargetTick, DecidedAtSeq, DecisionTick, DueTick, DueAt, Sizing.ToTrace());
}
