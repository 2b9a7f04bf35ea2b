using Orleans.LiveSim.Engine.Wallet;

namespace Orleans.LiveSim.Abstractions.Ledger;

/// <summary>What a ledger entry records: a bet placed, a bet settled, or a scheduled bet skipped.</summary>
public enum LedgerEntryKind
{
    Placed = 0,
    Settled = 1,
    Skipped = 2,
}

/// <summary>
/// One append-only ledger entry, made from the session event of the same <see cref="EventSeq"/> (<c>bet_placed</c>,
/// <c>bet_settled</c>, <c>bet_skipped</c>). EventSeqs are deterministic (a replay after a crash numbers its events the
/// same), so (session, eventSeq) identifies an entry and writing one twice is harmless. A bet is its placed entry joined
/// with its settled entry by <see cref="BetId"/> (<see cref="LedgerRow"/>).
/// </summary>
/// <param name="EventSeq">The session event it was made from.</param>
/// <param name="Kind">Placed, settled or skipped.</param>
/// <param name="FeedSeq">The feed entry whose application caused it.</param>
/// <param name="At">That feed entry's receive time (the feed's time, not a clock).</param>
/// <param name="GameId">The round.</param>
/// <param name="BetId">The bet (placed, settled); null for a skip.</param>
/// <param name="ScheduleIndex">Which bet of the round's schedule (placed, skipped).</param>
/// <param name="StartTick">Placed: the tick it was placed on.</param>
/// <param name="EndTick">Placed: start tick + window (exclusive).</param>
/// <param name="TargetTick">Placed, skipped: the tick the schedule wanted it on.</param>
/// <param name="Stake">Placed, settled: its stake.</param>
/// <param name="EntryPrice">Placed: the price it was placed at.</param>
/// <param name="Outcome">Settled: won, lost or voided.</param>
/// <param name="Returned">Settled: what came back to the balance.</param>
/// <param name="RugTick">Settled: the round's rug tick, when seen.</param>
/// <param name="BalanceAfter">Placed, settled: the free balance after it.</param>
/// <param name="EquityAfter">Settled: balance plus open stakes after it (a point of the equity curve).</param>
/// <param name="Reason">Skipped: why.</param>
/// <param name="Sizing">Placed: how its stake was chosen.</param>
/// <param name="DecidedAtSeq">Placed: the feed seq the strategy decided it on (before a placement latency).</param>
/// <param name="DecisionTick">Placed: the tick the strategy decided it on.</param>
public sealed record LedgerEntry(
    long EventSeq,
    LedgerEntryKind Kind,
    long FeedSeq,
    DateTimeOffset At,
    string GameId,
    long? BetId = null,
    int? ScheduleIndex = null,
    int? StartTick = null,
    int? EndTick = null,
    int? TargetTick = null,
    decimal? Stake = null,
    decimal? EntryPrice = null,
    BetOutcome? Outcome = null,
    decimal? Returned = null,
    int? RugTick = null,
    decimal? BalanceAfter = null,
    decimal? EquityAfter = null,
    string? Reason = null,
    SizingView? Sizing = null,
    long? DecidedAtSeq = null,
    int? DecisionTick = null);
