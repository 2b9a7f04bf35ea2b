using System.Globalization;
using Orleans.LiveSim.Abstractions.Ledger;

namespace Orleans.LiveSim.Silo.Ledger;

/// <summary>
/// A ledger as CSV (RFC 4180, UTF-8, <c>\n</c> line ends): one header line, then one line per row with the JSON row's
/// fields flattened (the sizing inputs as <c>sizingProfile</c>, <c>sizingMode</c>, ...). Numbers are invariant and keep their
/// scale (<c>0.010</c>), times are ISO 8601, an absent value is an empty field.
/// </summary>
public static class LedgerCsv
{
    public const string BetsHeader =
        "eventSeq,betId,gameId,scheduleIndex,outcome,placedAtSeq,placedAt,targetTick,decidedAtSeq,decisionTick,startTick,endTick,stake,entryPrice," +
        "sizingProfile,sizingMode,baseStake,bankroll,streak,modeStake,confidence,dynamicFactor,drawdown,drawdownFactor,wantedStake," +
        "returned,rugTick,balanceAfter,equityAfter,settledAtSeq,settledAt,reason";

    public const string EquityHeader = "seq,at,equity,betId";

    public static string Line(LedgerRow r)
    {
        var s = r.Sizing;
        return Join(
            N(r.EventSeq), N(r.BetId), Text(r.GameId), N(r.ScheduleIndex), Text(OutcomeName(r.Outcome)), N(r.PlacedAtSeq), Time(r.PlacedAt), N(r.TargetTick),
            N(r.DecidedAtSeq), N(r.DecisionTick), N(r.StartTick), N(r.EndTick), N(r.Stake), N(r.EntryPrice),
            Text(s is null ? null : s.Profile.ToString().ToLowerInvariant()), Text(s?.Mode), N(s?.BaseStake), N(s?.Bankroll), N(s?.Streak), N(s?.ModeStake),
            N(s?.Confidence), N(s?.DynamicFactor), N(s?.Drawdown), N(s?.DrawdownFactor), N(s?.Wanted),
            N(r.Returned), N(r.RugTick), N(r.BalanceAfter), N(r.EquityAfter), N(r.SettledAtSeq), Time(r.SettledAt), Text(r.Reason));
    }

    public static string Line(EquityCurvePoint p) => Join(N(p.Seq), Time(p.At), N(p.Equity), N(p.BetId));

    public static string OutcomeName(LedgerOutcome outcome) => outcome.ToString().ToLowerInvariant();

    private static string Join(params string[] fields) => string.Join(',', fields);

    private static string N<T>(T? value)
        where T : struct, IFormattable => value?.ToString(null, CultureInfo.InvariantCulture) ?? "";

    private static string N<T>(T value)
        where T : struct, IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset? at) => at?.ToString("O", CultureInfo.InvariantCulture) ?? "";

    private static string Text(string? value) =>
        value is null ? ""
        : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value
        : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
