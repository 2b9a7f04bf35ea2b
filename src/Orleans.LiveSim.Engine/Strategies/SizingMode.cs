namespace Orleans.LiveSim.Engine.Strategies;

/// <summary>
/// How a strategy sizes each bet before the rules clamp and quantize it. The base modes compute a stake;
/// <see cref="SizingParameters.DynamicSizing"/> and <see cref="SizingParameters.ReduceOnDrawdown"/> then
/// scale whatever the mode produced, so the legacy combinations (Kelly + dynamic + drawdown) are expressible.
/// </summary>
public enum SizingMode
{
    /// <summary>The configured <c>betSizes[k]</c> for the k-th bet of a round.</summary>
    Fixed = 0,

    /// <summary>
    /// A fraction of the Kelly stake: <c>kellyFraction * f* * equity</c> with
    /// <c>f* = (b p - (1 - p)) / b</c>, <c>b = payout - 1</c>, <c>p = winRate</c>.
    /// </summary>
    Kelly = 1,

    /// <summary>Fixed stakes with <see cref="SizingParameters.DynamicSizing"/> forced on.</summary>
    Dynamic = 2,

    /// <summary>Fixed stakes with <see cref="SizingParameters.ReduceOnDrawdown"/> forced on.</summary>
    DrawdownReduced = 3,

    /// <summary>Progressive (martingale): <c>base * min(lossStreakMultiplier ^ losingStreak, maxLossMultiplier)</c>.</summary>
    Martingale = 4,

    /// <summary>Anti-martingale: <c>base * min(winStreakMultiplier ^ winningStreak, maxStreakMultiplier)</c>.</summary>
    AntiMartingale = 5,

    /// <summary>
    /// Theta-Bayesian: <c>base * clamp(posterior / winRate, thetaBase, thetaMax)</c> where posterior is the mean of
    /// <c>Beta(winRate * w + wins, (1 - winRate) * w + losses)</c>, <c>w = thetaPriorWeight</c>.
    /// </summary>
    ThetaBayesian = 6,
}
