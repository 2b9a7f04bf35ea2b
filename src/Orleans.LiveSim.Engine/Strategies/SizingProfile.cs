namespace Orleans.LiveSim.Engine.Strategies;

/// <summary>Which formulas size a stake: ours (<see cref="Sizer"/>) or the legacy live simulator's (<see cref="LegacySizing"/>).</summary>
public enum SizingProfile
{
    /// <summary>Our sizing modes, exact decimal arithmetic, stakes rounded down to the quantum.</summary>
    Standard = 0,

    /// <summary>The legacy live simulator's formulas and rounding; applied to legacy strategy files.</summary>
    Legacy = 1,
}
