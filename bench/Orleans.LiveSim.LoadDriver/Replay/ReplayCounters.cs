using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orleans.LiveSim.Abstractions;

namespace Orleans.LiveSim.LoadDriver.Replay;

/// <summary>
/// The silo's own counters (meter <c>Orleans.LiveSim</c>), read in process: session-ticks applied, sessions ended (with
/// the moment the last expected one ended) and, where the silo counts them, journal reads from PostgreSQL.
/// </summary>
public sealed class ReplayCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private long _sessionTicks;
    private long _journalReads;
    private long _journalRows;
    private long _ended;
    private long _expected = long.MaxValue;
    private TaskCompletionSource<long> _allEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ReplayCounters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LiveSimConstants.MeterName && instrument.Name is "livesim.session.ticks" or "livesim.sessions.ended" or "livesim.journal.reads" or "livesim.journal.rows")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Measured(instrument.Name, value));
        _listener.Start();
    }

    public long SessionTicks => Interlocked.Read(ref _sessionTicks);

    public long JournalReads => Interlocked.Read(ref _journalReads);

    public long JournalRows => Interlocked.Read(ref _journalRows);

    /// <summary>From now on, waits for <paramref name="sessions"/> more sessions to end.</summary>
    public void ExpectEnded(int sessions)
    {
        lock (_lock)
        {
            _ended = 0;
            _expected = sessions;
            _allEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>The <see cref="Stopwatch"/> timestamp at which the last expected session ended.</summary>
    public Task<long> AllEndedAsync(CancellationToken cancellationToken) => _allEnded.Task.WaitAsync(cancellationToken);

    public void Dispose() => _listener.Dispose();

    private void Measured(string name, long value)
    {
        switch (name)
        {
            case "livesim.session.ticks":
                Interlocked.Add(ref _sessionTicks, value);
                break;
            case "livesim.journal.reads":
                Interlocked.Add(ref _journalReads, value);
                break;
            case "livesim.journal.rows":
                Interlocked.Add(ref _journalRows, value);
                break;
            case "livesim.sessions.ended":
                var now = Stopwatch.GetTimestamp();
                lock (_lock)
                {
                    _ended += value;
                    if (_ended >= _expected)
                    {
                        _allEnded.TrySetResult(now);
                    }
                }

                break;
        }
    }
}
