namespace Orleans.LiveSim.Engine.Strategies;

/// <summary>What a strategy wants to do on a tick.</summary>
public enum ScheduleAction
{
    /// <summary>Nothing on this tick.</summary>
    Wait = 0,

    /// <summary>Place bet k with <see cref="ScheduleDecision.WantedStake"/>.</summary>
    Place = 1,

    /// <summary>Bet k's window has passed without it being placed: count it as skipped and ask again.</summary>
    Skip = 2,
}

/// <summary>A strategy's answer for one tick.</summary>
public readonly record struct ScheduleDecision(ScheduleAction Action, int ScheduleIndex, int TargetTick, decimal WantedStake)
{
    public static ScheduleDecision Wait => default;
}
