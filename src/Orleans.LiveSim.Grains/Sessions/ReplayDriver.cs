using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Journal;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// Drives a replay of a journal range. Each tick of the host's grain timer is one turn: it applies the entries that are
/// due (at <c>max</c> the batches already read, for up to <see cref="MaxTurn"/>, the next ones being read meanwhile;
/// paced, what its clock released) and hands them to the host, cutting a batch where the session's write falls due so
/// the state is written exactly every <see cref="PersistEveryTicks"/> entries. Between turns the grain answers its calls
/// (reads, stop). At <c>max</c> the next turn is queued at once, or 1 ms later while the journal is still being read;
/// paced, every 50 ms. Once the range is applied the session completes.
/// Given <paramref name="onRangeRead"/>, it hands over to it instead of completing (a fork of a live session then follows
/// the feed live: <see cref="CatchUpDriver"/>).
/// </summary>
public sealed class ReplayDriver(
    SessionSource source,
    SessionRunner runner,
    IFeedJournal journal,
    ReplaySettings settings,
    TimeProvider time,
    IDriverHost host,
    Func<Task>? onRangeRead = null) : ISessionDriver
{
    private static readonly TimeSpan PacedPeriod = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan WaitForRead = TimeSpan.FromMilliseconds(1);

    /// <summary>How long a turn at <c>max</c> goes on applying batches that are already read.</summary>
    public static readonly TimeSpan MaxTurn = TimeSpan.FromMilliseconds(1);

    private readonly long _toSeq = source.ToSeq ?? long.MaxValue;
    private ReplayReader? _reader;
    private IGrainTimer? _timer;
    private TimeSpan _period;
    private bool _stopped;

    public int Shard => ISessionIndex.ReplayShard;

    public int PersistEveryTicks => settings.PersistEveryTicks;

    public Task StartAsync()
    {
        _reader = new ReplayReader(source, journal, settings.ReadBatch, time);
        _period = _reader.IsMax ? TimeSpan.Zero : PacedPeriod;
        _timer = host.StartTimer(StepAsync, _period);
        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        _stopped = true;
        _timer?.Dispose();
        _timer = null;
        _reader?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>One turn: applies what is due and hands it to the host (the timer's callback; public for tests).</summary>
    public async Task StepAsync(CancellationToken cancellationToken)
    {
        var reader = _reader ?? throw new InvalidOperationException("The replay has not started.");
        if (_stopped || !runner.Running)
        {
            // A turn queued before the session ended: there is nothing to apply, and the end was already written.
            return;
        }

        if (runner.Held)
        {
            // bus_lag: read nothing until the bus has caught up; the turn still lets the grain drain its outbox.
            await host.AppliedAsync(0);
            return;
        }

        var started = time.GetTimestamp();
        long applied = 0;
        var exhausted = false;
        while (runner.Running)
        {
            (var due, exhausted) = reader.Next(runner.LastSeq);
            if (due.Count == 0)
            {
                break;
            }

            while (due.Count > 0 && runner.Running)
            {
                if (runner.TicksSinceWrite >= PersistEveryTicks)
                {
                    // The write falls due inside the turn: the host writes now, then the turn goes on.
                    await host.AppliedAsync(applied);
                    applied = 0;
                }

                var part = due.Slice(0, (int)Math.Min(due.Count, Math.Max(1, PersistEveryTicks - runner.TicksSinceWrite)));
                due = due.Slice(part.Count);
                applied += Apply(part);
            }

            // At max, batches already read are applied in the same turn for up to MaxTurn: ending a turn costs a timer
            // round trip (measured: a million entries took 244 turns of about 2.7 ms each on a loaded machine, most of it
            // between turns), while a read or stop waits for one turn at most.
            if (!reader.IsMax || runner.LastSeq >= _toSeq || time.GetElapsedTime(started) >= MaxTurn)
            {
                break;
            }
        }

        var rangeRead = runner.Running && (exhausted || runner.LastSeq >= _toSeq);
        if (rangeRead && onRangeRead is null)
        {
            runner.Complete("replay_finished");
        }

        await host.AppliedAsync(applied);
        if (rangeRead && onRangeRead is not null)
        {
            await onRangeRead();
            return;
        }

        if (runner.Running && reader.IsMax)
        {
            Pace(reader.Reading ? WaitForRead : TimeSpan.Zero);
        }
    }

    private long Apply(ArraySegment<FeedTick> ticks)
    {
        var before = runner.LastSeq;
        foreach (var tick in ticks)
        {
            if (!runner.Running)
            {
                break;
            }

            runner.Apply(tick);
        }

        return runner.LastSeq - before;
    }

    private void Pace(TimeSpan period)
    {
        if (period != _period && _timer is { } timer)
        {
            _period = period;
            timer.Change(period, period);
        }
    }
}
