namespace Orleans.LiveSim.Silo.Ledger;

/// <summary>A point of a session's whole equity curve: equity (balance + open stakes) after the settlement of a bet.</summary>
/// <param name="Seq">The feed seq the bet settled on.</param>
/// <param name="At">That entry's receive time.</param>
/// <param name="Equity">Equity after it.</param>
/// <param name="BetId">The bet that settled.</param>
public sealed record EquityCurvePoint(long Seq, DateTimeOffset At, decimal Equity, long? BetId);
