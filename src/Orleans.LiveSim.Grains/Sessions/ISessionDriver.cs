namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// Where a session's ticks come from: <see cref="LiveDriver"/> (the feed's fan-out) or <see cref="ReplayDriver"/>
/// (a range of the journal at a replay's pace). The session grain runs one of them over its <see cref="SessionRunner"/>.
/// </summary>
public interface ISessionDriver
{
    /// <summary>The session's entry in the session index: its fan-out shard, or the replay shard.</summary>
    int Shard { get; }

    /// <summary>The session writes its state at least every this many applied entries (and when it ends).</summary>
    int PersistEveryTicks { get; }

    /// <summary>Starts delivering ticks (again, after an activation).</summary>
    Task StartAsync();

    /// <summary>Stops for good: the session has ended.</summary>
    Task StopAsync();
}
