namespace Orleans.LiveSim.Engine.Rules;

/// <summary>
/// The provider's sidebet product rules in one place. A bet placed at tick <c>s</c> wins iff the rug tick
/// <c>r</c> satisfies <c>s &lt;= r &lt; s + Window</c>, returning <c>stake * Payout</c> in total.
/// </summary>
public sealed record SidebetRules
{
    /// <summary>The provider's rules: window 40 ticks, payout 5x in total, quantum 0.001, stakes 0.001..1.0, one active bet.</summary>
    public static SidebetRules Default { get; } = new();

    /// <summary>Ticks a bet covers, counted from its start tick. Default 40.</summary>
    public int Window { get; init; } = 40;

    /// <summary>Total return of a winning bet as a multiple of its stake (stake included). Default 5.</summary>
    public decimal Payout { get; init; } = 5m;

    /// <summary>Stakes are multiples of this. Default 0.001.</summary>
    public decimal Quantum { get; init; } = 0.001m;

    /// <summary>Smallest stake. Default 0.001.</summary>
    public decimal MinStake { get; init; } = 0.001m;

    /// <summary>Largest stake. Default 1.0.</summary>
    public decimal MaxStake { get; init; } = 1.0m;

    /// <summary>Sidebets a session may hold at once. Default 1.</summary>
    public int MaxActiveBets { get; init; } = 1;

    /// <summary>Whether a bet placed at <paramref name="startTick"/> wins when the round rugs at <paramref name="rugTick"/>.</summary>
    public bool Wins(int startTick, int rugTick) => startTick <= rugTick && rugTick < startTick + Window;

    /// <summary>
    /// Clamps a wanted stake to the rules and to the free balance, rounding down to the quantum
    /// (a strategy never stakes more than it asked for). Returns 0 when no valid stake remains.
    /// </summary>
    public decimal ClampStake(decimal wanted, decimal freeBalance)
    {
        var stake = Math.Min(Math.Max(wanted, MinStake), MaxStake);
        stake = Math.Min(stake, freeBalance);
        stake = Math.Floor(stake / Quantum) * Quantum;
        return stake < MinStake ? 0m : stake;
    }
}
