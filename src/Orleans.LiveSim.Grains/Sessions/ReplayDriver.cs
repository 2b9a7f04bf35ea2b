using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Feeds.Journal;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// Drives a replay: a grain timer reads the journal range at the replay's pace (<see cref="ReplayReader"/>), applies
/// what is due, and completes the session once the range is read. <paramref name="afterStep"/> is told how many
/// entries each step applied, so the grain can flush events and store its state.
/// </summary>
public sealed class ReplayDriver(
    SessionSource source,
    SessionRunner runner,
    IFeedJournal journal,
    int journalReadBatch,
    TimeProvider time,
    IGrainBase grain,
    Func<int, Task> afterStep) : ISessionDriver
{
    private IGrainTimer? _timer;

    public int Shard => ISessionIndex.ReplayShard;

    public Task StartAsync()
    {
        var reader = new ReplayReader(source, journal, journalReadBatch, time);
        _timer = grain.RegisterGrainTimer(ct => StepAsync(reader, ct), new GrainTimerCreationOptions(reader.Period, reader.Period) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    private async Task StepAsync(ReplayReader reader, CancellationToken cancellationToken)
    {
        if (runner.Held)
        {
            // bus_lag: read nothing until the bus has caught up (a step that began applies all it read: the reader has
            // handed those entries out); the step still lets the grain drain its outbox.
            await afterStep(0);
            return;
        }

        var (due, exhausted) = await reader.NextAsync(runner.LastSeq, cancellationToken);
        foreach (var tick in due)
        {
            runner.Apply(tick);
        }

        if (runner.Running && (exhausted || runner.LastSeq >= (source.ToSeq ?? long.MaxValue)))
        {
            runner.Complete("replay_finished");
        }

        await afterStep(due.Count);
    }
}
