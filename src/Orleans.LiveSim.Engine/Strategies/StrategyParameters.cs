namespace Orleans.LiveSim.Engine.Strategies;

/// <summary>
/// Parameters of the tick-schedule family (the legacy strategies): bets at
/// <c>EntryTick + k * (window + Cooldown)</c> for <c>k &lt; NumBets</c>, sized by <see cref="Sizing"/>.
/// </summary>
public sealed record StrategyParameters
{
    /// <summary>Tick of the first bet in a round. Default 200.</summary>
    public int EntryTick { get; init; } = 200;

    /// <summary>Bets per round. Default 4.</summary>
    public int NumBets { get; init; } = 4;

    /// <summary>Ticks to wait after a bet's window before the next bet. Default 5.</summary>
    public int Cooldown { get; init; } = 5;

    /// <summary>Stake of the k-th bet of a round (the last one repeats if shorter, see <see cref="BaseStake"/>). Default 0.001 each.</summary>
    public IReadOnlyList<decimal> BetSizes { get; init; } = [0.001m, 0.001m, 0.001m, 0.001m];

    /// <summary>Sizing mode and its settings.</summary>
    public SizingParameters Sizing { get; init; } = new();

    /// <summary>Risk controls.</summary>
    public RiskParameters Risk { get; init; } = new();

    /// <summary>How long after its decision a bet is placed. Default none.</summary>
    public PlacementLatency Latency { get; init; } = PlacementLatency.None;

    /// <summary>
    /// Configured stake of the k-th bet of a round: the last one repeats when the list is shorter, except for the legacy
    /// sizing profile, which stakes <see cref="LegacySizing.BeyondList"/> beyond it, as the legacy system did.
    /// </summary>
    public decimal BaseStake(int k) =>
        BetSizes.Count == 0 ? 0m
        : k < BetSizes.Count ? BetSizes[k]
        : Sizing.Profile == SizingProfile.Legacy ? LegacySizing.BeyondList
        : BetSizes[^1];
}
