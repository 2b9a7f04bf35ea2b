using System.Diagnostics.Metrics;
using Orleans.LiveSim.Grains.Hosting;

namespace Orleans.LiveSim.LoadDriver;

/// <summary>
/// Reads the silo's own metrics in process (meter <c>Orleans.LiveSim</c>, the same instruments <c>/metrics</c> exports):
/// the fan-out delay (feed receive to shard turn start) and the delivery delay (to the session's applying it) into fine
/// histograms, the session-ticks counter and the event
/// bus's counters and lag.
/// </summary>
public sealed class SiloMeters : IDisposable
{
    private static readonly string[] Counted = ["livesim.session.ticks", "livesim.bus.acked", "livesim.bus.duplicates", "livesim.bus.failed", "livesim.bus.refused", "livesim.bus.lag"];

    private readonly MeterListener _listener = new();
    private long _sessionTicks;
    private long _busAcked;
    private long _busDuplicates;
    private long _busFailed;
    private long _busRefused;
    private long _busLag;

    /// <param name="sessionDelay">Whether to read <c>livesim.session.delay</c> (one measurement per session per batch, so it costs a little).</param>
    public SiloMeters(bool sessionDelay)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LiveSimMetrics.MeterName
                && (instrument.Name == "livesim.fanout.delay" || (sessionDelay && instrument.Name == "livesim.session.delay") || Counted.Contains(instrument.Name)))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, seconds, _, _) =>
            (instrument.Name == "livesim.session.delay" ? SessionDelay : FanoutDelay).RecordMs(seconds * 1000));
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            switch (instrument.Name)
            {
                case "livesim.session.ticks":
                    Interlocked.Add(ref _sessionTicks, value);
                    break;
                case "livesim.bus.acked":
                    Interlocked.Add(ref _busAcked, value);
                    break;
                case "livesim.bus.duplicates":
                    Interlocked.Add(ref _busDuplicates, value);
                    break;
                case "livesim.bus.failed":
                    Interlocked.Add(ref _busFailed, value);
                    break;
                case "livesim.bus.refused":
                    Interlocked.Add(ref _busRefused, value);
                    break;
                case "livesim.bus.lag":
                    Interlocked.Exchange(ref _busLag, value);
                    break;
            }
        });
        _listener.Start();
    }

    /// <summary><c>livesim.fanout.delay</c>: a batch's arrival at the feed adapter to the start of each shard turn delivering it.</summary>
    public LatencyHistogram FanoutDelay { get; } = new();

    /// <summary><c>livesim.session.delay</c>: a batch's arrival at the feed adapter to the end of each live session's applying it.</summary>
    public LatencyHistogram SessionDelay { get; } = new();

    /// <summary><c>livesim.session.ticks</c>: feed entries applied by sessions.</summary>
    public long SessionTicks => Interlocked.Read(ref _sessionTicks);

    /// <summary>The <c>livesim.bus.*</c> counters so far, and the lag gauge read now.</summary>
    public BusCounters Bus
    {
        get
        {
            _listener.RecordObservableInstruments();
            return new BusCounters(Interlocked.Read(ref _busAcked), Interlocked.Read(ref _busDuplicates), Interlocked.Read(ref _busFailed), Interlocked.Read(ref _busRefused), Interlocked.Read(ref _busLag));
        }
    }

    public void Dispose() => _listener.Dispose();
}

/// <summary>The event bus's counters at one moment.</summary>
public readonly record struct BusCounters(long Acked, long Duplicates, long Failed, long Refused, long Lag);
