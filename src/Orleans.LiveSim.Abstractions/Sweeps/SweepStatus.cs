namespace Orleans.LiveSim.Abstractions.Sweeps;

/// <summary>Where a sweep is in its life.</summary>
public enum SweepStatus
{
    /// <summary>Creating variants or waiting for them to finish (a live sweep runs until stopped).</summary>
    Running = 0,

    /// <summary>Every variant of a replay sweep has ended.</summary>
    Completed = 1,

    /// <summary>Stopped by its owner; its variants were stopped too.</summary>
    Stopped = 2,
}
