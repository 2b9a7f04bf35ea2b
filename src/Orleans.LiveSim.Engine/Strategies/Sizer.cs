using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Engine.Strategies;

/// <summary>Turns a strategy's base stake into the wanted stake for the configured sizing mode (before the rules clamp it).</summary>
public sealed class Sizer(SizingParameters sizing)
{
    public decimal Size(SessionState state, int scheduleIndex, decimal baseStake) => sizing.Mode switch
    {
        SizingMode.Fixed => baseStake,
        _ => throw new ArgumentOutOfRangeException(nameof(sizing), sizing.Mode, "Unknown sizing mode."),
    };
}
