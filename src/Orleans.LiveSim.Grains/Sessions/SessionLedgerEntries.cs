using Orleans.LiveSim.Abstractions.Ledger;
using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>Turns the engine's bet events into ledger entries (placed, settled, skipped); other events make none.</summary>
public static class SessionLedgerEntries
{
    /// <summary>The entry of <paramref name="e"/>, numbered <paramref name="eventSeq"/>, at the feed time <paramref name="at"/>; null for other events.</summary>
    public static LedgerEntry? Of(long eventSeq, EngineEvent e, DateTimeOffset at) => e switch
    {
        BetPlaced p => new LedgerEntry(
            eventSeq, LedgerEntryKind.Placed, p.FeedSeq, at, p.Bet.GameId, p.Bet.BetId, p.Bet.ScheduleIndex, p.Bet.StartTick, p.Bet.EndTick, p.TargetTick,
            p.Bet.Stake, p.Bet.EntryPrice, BalanceAfter: p.BalanceAfter, Sizing: SizingView.From(p.Sizing), DecidedAtSeq: p.DecidedAtSeq, DecisionTick: p.DecisionTick),
        BetSettled s => new LedgerEntry(
            eventSeq, LedgerEntryKind.Settled, s.FeedSeq, at, s.Bet.GameId, s.Bet.BetId, s.Bet.ScheduleIndex, Stake: s.Bet.Stake,
            Outcome: s.Outcome, Returned: s.Returned, RugTick: s.RugTick, BalanceAfter: s.BalanceAfter, EquityAfter: s.EquityAfter),
        BetSkipped k => new LedgerEntry(eventSeq, LedgerEntryKind.Skipped, k.FeedSeq, at, k.GameId, ScheduleIndex: k.ScheduleIndex, TargetTick: k.TargetTick, Reason: k.Reason),
        _ => null,
    };
}
