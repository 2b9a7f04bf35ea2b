using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Feeds.Journal;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// Drives a replay: a grain timer reads the journal range at the replay's pace (<see cref="ReplayReader"/>), applies
/// what is due, and completes the session once the range is read, or, given <paramref name="onRangeRead"/>, hands over
/// to it instead (a fork of a live session then follows the feed live: <see cref="CatchUpDriver"/>). <paramref name="afterStep"/>
/// is told how many entries each step applied, so the grain can flush events and write its ledger and state.
/// </summary>
public sealed class ReplayDriver(
    SessionSource source,
    SessionRunner runner,
    IFeedJournal journal,
    int journalReadBatch,
    TimeProvider time,
    IGrainBase grain,
    Func<int, Task> afterStep,
    Func<Task>? onRangeRead = null) : ISessionDriver
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
        var (due, exhausted) = await reader.NextAsync(runner.LastSeq, cancellationToken);
        foreach (var tick in due)
        {
            runner.Apply(tick);
        }

        var rangeRead = runner.Running && (exhausted || runner.LastSeq >= (source.ToSeq ?? long.MaxValue));
        if (rangeRead && onRangeRead is null)
        {
            runner.Complete("replay_finished");
        }

        await afterStep(due.Count);
        if (rangeRead && onRangeRead is not null)
        {
            await onRangeRead();
        }
    }
}
