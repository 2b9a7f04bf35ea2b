namespace Orleans.LiveSim.Engine.Strategies;

/// <summary>
/// The inputs that chose a stake, step by step as the sizer applied them (a bet's ledger row shows them): the base stake,
/// what the mode made of it, the dynamic multiplier and the drawdown factor, and the stake wanted before the rules
/// clamped it to the limits and the free balance.
/// </summary>
/// <param name="Profile">Standard or legacy formulas.</param>
/// <param name="Mode">The sizing mode.</param>
/// <param name="BaseStake">The configured stake of this bet of the round (<c>betSizes[k]</c>).</param>
/// <param name="Bankroll">What Kelly sized from (equity; the legacy profile: the free balance); null for other modes.</param>
/// <param name="Streak">The streak a martingale or anti-martingale multiplied by; null for other modes.</param>
/// <param name="ModeStake">The stake the mode produced from the base stake.</param>
/// <param name="Confidence">Dynamic sizing: the bet's confidence in percent (null when unknown or not computed).</param>
/// <param name="DynamicFactor">The multiplier dynamic sizing applied (1 when it did not).</param>
/// <param name="Drawdown">Drawdown reduction: the drawdown fraction it saw; null when reduction is off.</param>
/// <param name="DrawdownFactor">The factor drawdown reduction applied (1 when it did not).</param>
/// <param name="Wanted">The stake wanted, before the rules clamp it.</param>
public sealed record SizingTrace(
    SizingProfile Profile,
    SizingMode Mode,
    decimal BaseStake,
    decimal? Bankroll,
    int? Streak,
    decimal ModeStake,
    decimal? Confidence,
    decimal DynamicFactor,
    decimal? Drawdown,
    decimal DrawdownFactor,
    decimal Wanted);
