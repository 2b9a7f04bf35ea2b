namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// What a driver asks of its session grain: a grain timer whose ticks are the driver's turns, and the hand-over after
/// entries were applied. The grain implements it; a test drives a driver with its own.
/// </summary>
public interface IDriverHost
{
    /// <summary>
    /// Runs <paramref name="step"/> as a grain turn <paramref name="period"/> after the previous one ended; the turn is
    /// queued behind the calls that arrived meanwhile, so they are answered between steps. The timer may be changed
    /// from inside a step (<see cref="IGrainTimer.Change"/>) and is disposed when the driver stops.
    /// </summary>
    IGrainTimer StartTimer(Func<CancellationToken, Task> step, TimeSpan period);

    /// <summary>
    /// Entries were applied (<paramref name="applied"/> of them, possibly none): the grain counts them, sends the events,
    /// writes the session when it has applied the driver's <see cref="ISessionDriver.PersistEveryTicks"/> since it last
    /// did (its one write point, the same for every driver), and, when the session has ended, writes it and ends it.
    /// </summary>
    Task AppliedAsync(long applied);
}
