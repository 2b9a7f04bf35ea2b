namespace Orleans.LiveSim.Engine.Stats;

/// <summary>Equity (balance + in bets) after the feed entry <see cref="Seq"/>. A struct: a session keeps hundreds of them.</summary>
public readonly record struct EquityPoint
{
    public long Seq { get; init; }

    public decimal Equity { get; init; }
}
