namespace Orleans.LiveSim.Engine.Strategies;

/// <summary>Sizing settings of a strategy. See <see cref="Sizer"/> for the exact formulas.</summary>
public sealed record SizingParameters
{
    /// <summary>Sizing mode. Default <see cref="SizingMode.Fixed"/>.</summary>
    public SizingMode Mode { get; init; } = SizingMode.Fixed;

    /// <summary>
    /// Our formulas (<see cref="SizingProfile.Standard"/>, default) or the legacy live simulator's
    /// (<see cref="SizingProfile.Legacy"/>, see <see cref="LegacySizing"/>), which legacy strategy files get.
    /// </summary>
    public SizingProfile Profile { get; init; } = SizingProfile.Standard;

    /// <summary>Fraction of the full Kelly stake to bet (Kelly mode). Default 0.25 (the legacy files' value).</summary>
    public decimal KellyFraction { get; init; } = 0.25m;

    /// <summary>
    /// Assumed probability that a bet wins: Kelly's <c>p</c> and the theta-Bayesian prior mean. Default 0.185
    /// (the legacy v2 profiles' <c>monte_carlo_metrics.win_rate_assumption</c>; about <c>1 - 0.995^40</c>).
    /// </summary>
    public decimal WinRate { get; init; } = 0.185m;

    /// <summary>
    /// What Kelly does when the edge is not positive (<c>f* &lt;= 0</c>, which is the case for the default win rate):
    /// bet the base stake (<see cref="KellyNoEdge.BaseStake"/>, default, so legacy Kelly files still trade) or skip the bet.
    /// </summary>
    public KellyNoEdge KellyNoEdge { get; init; } = KellyNoEdge.BaseStake;

    /// <summary>
    /// Multiply the stake by <see cref="DynamicMultiplier"/> when the confidence of the bet is at least
    /// <see cref="DynamicThreshold"/>. Legacy <c>use_dynamic_sizing</c>. Default false.
    /// </summary>
    public bool DynamicSizing { get; init; }

    /// <summary>
    /// Confidence threshold in percent (legacy <c>high_confidence_threshold</c>, 51..60 in the legacy files). The confidence
    /// of a bet starting at tick <c>t</c> is the share, in percent, of the session's observed rounds that lasted to
    /// <c>t</c> and then rugged inside <c>[t, t + window)</c>. Default 55.
    /// </summary>
    public decimal DynamicThreshold { get; init; } = 55m;

    /// <summary>Stake multiplier for a high-confidence bet (legacy <c>high_confidence_multiplier</c>). Default 2.</summary>
    public decimal DynamicMultiplier { get; init; } = 2m;

    /// <summary>Rounds that must have lasted to <c>t</c> before a confidence is trusted (fewer: no multiplier). Default 20.</summary>
    public int DynamicMinSamples { get; init; } = 20;

    /// <summary>Shrink stakes while in drawdown (legacy <c>reduce_on_drawdown</c>). Default false.</summary>
    public bool ReduceOnDrawdown { get; init; }

    /// <summary>Drawdown fraction from peak equity up to which stakes are not reduced. Default 0.1.</summary>
    public decimal DrawdownThreshold { get; init; } = 0.1m;

    /// <summary>Smallest factor a drawdown reduction applies. Default 0.25.</summary>
    public decimal DrawdownFloor { get; init; } = 0.25m;

    /// <summary>Martingale: stake multiplier per consecutive lost bet. Default 2.</summary>
    public decimal LossStreakMultiplier { get; init; } = 2m;

    /// <summary>Martingale: cap of the cumulative multiplier. Default 8.</summary>
    public decimal MaxLossMultiplier { get; init; } = 8m;

    /// <summary>Anti-martingale: stake multiplier per consecutive won bet (legacy <c>win_streak_multiplier</c>). Default 1.3.</summary>
    public decimal WinStreakMultiplier { get; init; } = 1.3m;

    /// <summary>Anti-martingale: cap of the cumulative multiplier (legacy <c>max_streak_multiplier</c>). Default 2.</summary>
    public decimal MaxStreakMultiplier { get; init; } = 2m;

    /// <summary>Theta-Bayesian: smallest stake multiplier (legacy <c>theta_base</c>). Default 0.5.</summary>
    public decimal ThetaBase { get; init; } = 0.5m;

    /// <summary>Theta-Bayesian: largest stake multiplier (legacy <c>theta_max</c>). Default 2.</summary>
    public decimal ThetaMax { get; init; } = 2m;

    /// <summary>Theta-Bayesian: weight of the prior in pseudo-bets (<c>alpha0 + beta0</c>). Default 20.</summary>
    public decimal ThetaPriorWeight { get; init; } = 20m;

    /// <summary>
    /// Legacy v2 <c>use_volatility_scaling</c>. Accepted and shown so a legacy profile runs as it is, but not applied:
    /// the legacy system never defined the volatility measure. Default false.
    /// </summary>
    public bool VolatilityScaling { get; init; }

    /// <summary>Whether dynamic sizing applies (the flag, or the <see cref="SizingMode.Dynamic"/> mode).</summary>
    public bool UsesDynamic => DynamicSizing || Mode == SizingMode.Dynamic;

    /// <summary>Whether drawdown reduction applies (the flag, or the <see cref="SizingMode.DrawdownReduced"/> mode).</summary>
    public bool UsesDrawdownReduction => ReduceOnDrawdown || Mode == SizingMode.DrawdownReduced;
}

/// <summary>What Kelly sizing does when the assumed edge is not positive.</summary>
public enum KellyNoEdge
{
    /// <summary>Bet the configured base stake.</summary>
    BaseStake = 0,

    /// <summary>Skip the bet (counted in <c>betsSkipped</c> with reason <c>no_edge</c>).</summary>
    Skip = 1,
}
