namespace Orleans.LiveSim.Engine.Stats;

/// <summary>Equity (balance + in bets) after the feed entry <see cref="Seq"/>.</summary>
public sealed class EquityPoint
{
    public long Seq { get; set; }
    public decimal Equity { get; set; }
}
