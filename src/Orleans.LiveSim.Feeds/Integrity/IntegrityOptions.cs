namespace Orleans.LiveSim.Feeds.Integrity;

/// <summary>Tuning of the per-feed integrity checker.</summary>
public sealed record IntegrityOptions
{
    /// <summary>No tick for this long while a round is active makes the feed degraded. Default 5 s (20 nominal ticks).</summary>
    public TimeSpan StaleTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Ticks of <c>partialPrices</c> remembered per round for gap repair. Default 64.</summary>
    public int PartialPricesWindow { get; init; } = 64;

    /// <summary>Completed rounds from <c>gameHistory</c> remembered for reconciliation. Default 32.</summary>
    public int HistoryRounds { get; init; } = 32;
}
