using System.Text.Json.Serialization;
using Orleans.LiveSim.Abstractions.Serialization;
using Orleans.LiveSim.Engine.Wallet;

namespace Orleans.LiveSim.Abstractions.Ledger;

/// <summary>What became of a scheduled bet: still open, won, lost, voided (stake returned), or never placed (skipped).</summary>
public enum LedgerOutcome
{
    Open = 0,
    Won = 1,
    Lost = 2,
    Voided = 3,
    Skipped = 4,
}

/// <summary>
/// One row of a session's bet ledger (<c>GET /live-sim/sessions/{id}/bets</c>): a bet (its placement joined with its
/// settlement, if any) or a scheduled bet that was skipped, in the order the session decided them.
/// </summary>
/// <param name="EventSeq">The session event that placed or skipped it: the row's id and the page cursor (<c>after</c>).</param>
/// <param name="BetId">The bet's id; null when skipped.</param>
/// <param name="GameId">Its round.</param>
/// <param name="ScheduleIndex">Which bet of the round's schedule (0-based).</param>
/// <param name="Outcome">open, won, lost, voided or skipped.</param>
/// <param name="PlacedAtSeq">The feed seq it was placed on (skipped: the seq it was skipped on).</param>
/// <param name="PlacedAt">That entry's receive time.</param>
/// <param name="TargetTick">The tick the schedule wanted it on.</param>
/// <param name="DecidedAtSeq">The feed seq the strategy decided it on (before a placement latency); null when skipped.</param>
/// <param name="DecisionTick">The tick the strategy decided it on; null when skipped.</param>
/// <param name="StartTick">The tick it was placed on; null when skipped.</param>
/// <param name="EndTick">Start tick + window (exclusive); null when skipped.</param>
/// <param name="Stake">Its stake; null when skipped.</param>
/// <param name="EntryPrice">The price it was placed at; null when skipped.</param>
/// <param name="Sizing">The inputs that chose its stake; null when skipped.</param>
/// <param name="Returned">What came back to the balance (won 5x the stake, lost 0, voided the stake); null while open or when skipped.</param>
/// <param name="RugTick">The round's rug tick, when its settlement saw it.</param>
/// <param name="BalanceAfter">The free balance after its settlement (while open: after its placement); null when skipped.</param>
/// <param name="EquityAfter">Balance plus open stakes after its settlement; null while open or when skipped.</param>
/// <param name="SettledAtSeq">The feed seq it settled on; null while open or when skipped.</param>
/// <param name="SettledAt">That entry's receive time.</param>
/// <param name="Reason">Why it was skipped (<c>window_missed</c>, <c>paused</c>, <c>no_edge</c>, <c>insufficient_balance</c>, <c>daily_loss_limit</c>, <c>round_ended</c>, <c>session_ended</c>); null for a bet.</param>
public sealed record LedgerRow(
    long EventSeq,
    long? BetId,
    string GameId,
    int ScheduleIndex,
    [property: JsonConverter(typeof(CamelCaseEnumConverter<LedgerOutcome>))] LedgerOutcome Outcome,
    long PlacedAtSeq,
    DateTimeOffset PlacedAt,
    int? TargetTick,
    long? DecidedAtSeq,
    int? DecisionTick,
    int? StartTick,
    int? EndTick,
    decimal? Stake,
    decimal? EntryPrice,
    SizingView? Sizing,
    decimal? Returned,
    int? RugTick,
    decimal? BalanceAfter,
    decimal? EquityAfter,
    long? SettledAtSeq,
    DateTimeOffset? SettledAt,
    string? Reason)
{
    /// <summary>The row of a placed or skipped entry, with the bet's settled entry if there is one.</summary>
    public static LedgerRow Of(LedgerEntry decided, LedgerEntry? settled) => decided.Kind == LedgerEntryKind.Skipped
        ? new(decided.EventSeq, null, decided.GameId, decided.ScheduleIndex ?? 0, LedgerOutcome.Skipped, decided.FeedSeq, decided.At, decided.TargetTick,
            null, null, null, null, null, null, null, null, null, null, null, null, null, decided.Reason)
        : new(decided.EventSeq, decided.BetId, decided.GameId, decided.ScheduleIndex ?? 0, OutcomeOf(settled), decided.FeedSeq, decided.At, decided.TargetTick,
            decided.DecidedAtSeq, decided.DecisionTick, decided.StartTick, decided.EndTick, decided.Stake, decided.EntryPrice, decided.Sizing,
            settled?.Returned, settled?.RugTick, settled?.BalanceAfter ?? decided.BalanceAfter, settled?.EquityAfter, settled?.FeedSeq, settled?.At, null);

    private static LedgerOutcome OutcomeOf(LedgerEntry? settled) => settled?.Outcome switch
    {
        null => LedgerOutcome.Open,
        BetOutcome.Won => LedgerOutcome.Won,
        BetOutcome.Lost => LedgerOutcome.Lost,
        _ => LedgerOutcome.Voided,
    };
}

/// <summary>Which rows of a ledger to read: by outcome and by round (null: all).</summary>
public sealed record LedgerFilter(LedgerOutcome? Outcome = null, string? GameId = null)
{
    public static LedgerFilter All { get; } = new();

    public bool Matches(LedgerRow row) => (Outcome is null || row.Outcome == Outcome) && (GameId is null || row.GameId == GameId);
}
