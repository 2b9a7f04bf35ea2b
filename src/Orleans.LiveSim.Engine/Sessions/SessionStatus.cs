namespace Orleans.LiveSim.Engine.Sessions;

/// <summary>Lifecycle of a session.</summary>
public enum SessionStatus
{
    /// <summary>Applying ticks.</summary>
    Running = 0,

    /// <summary>Stopped by its owner.</summary>
    Stopped = 1,

    /// <summary>Ended by itself: a risk control was crossed or a replay reached its end.</summary>
    Completed = 2,

    /// <summary>Ended by an error it could not recover from.</summary>
    Failed = 3,
}
