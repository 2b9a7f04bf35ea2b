using System.Diagnostics.Metrics;
using Orleans.LiveSim.Grains.Hosting;

namespace Orleans.LiveSim.LoadDriver;

/// <summary>
/// Reads the silo's own metrics in process (meter <c>Orleans.LiveSim</c>, the same instruments <c>/metrics</c> exports):
/// the fan-out delay (feed receive to the fan-out turn start) and the delivery delay (to the session's applying it) into
/// fine histograms, the session-ticks counter and the event bus's counters and lag.
/// </summary>
public sealed class SiloMeters : IDisposable
{
    // The counters read here, each summed into its slot of _counts; livesim.bus.lag is a gauge: its slot holds the last value.
    private static readonly string[] Counted = ["livesim.session.ticks", "livesim.bus.acked", "livesim.bus.duplicates", "livesim.bus.failed", "livesim.bus.refused", "livesim.bus.lag"];
    private const int SessionTicksSlot = 0;
    private const int LagSlot = 5;

    private readonly MeterListener _listener = new();
    private readonly long[] _counts = new long[Counted.Length];

    /// <param name="sessionDelay">Whether to read <c>livesim.session.delay</c> (one measurement per session per batch, so it costs a little).</param>
    public SiloMeters(bool sessionDelay)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LiveSimMetrics.MeterName
                && (instrument.Name == "livesim.fanout.delay" || (sessionDelay && instrument.Name == "livesim.session.delay") || Counted.Contains(instrument.Name)))
            {
                // The state is what a measurement goes to: a histogram, or a counter's slot. Chosen once here, not per
                // measurement (the session delay is measured once per session per batch).
                listener.EnableMeasurementEvents(instrument, instrument.Name switch
                {
                    "livesim.fanout.delay" => FanoutDelay,
                    "livesim.session.delay" => SessionDelay,
                    var name => Array.IndexOf(Counted, name),
                });
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, histogram) => ((LatencyHistogram)histogram!).RecordMs(seconds * 1000));
        _listener.SetMeasurementEventCallback<long>((_, value, _, slot) =>
        {
            if ((int)slot! == LagSlot)
            {
                Interlocked.Exchange(ref _counts[LagSlot], value);
            }
            else
            {
                Interlocked.Add(ref _counts[(int)slot], value);
            }
        });
        _listener.Start();
    }

    /// <summary><c>livesim.fanout.delay</c>: a batch's arrival at the feed adapter to the start of the fan-out turn delivering it.</summary>
    public LatencyHistogram FanoutDelay { get; } = new();

    /// <summary><c>livesim.session.delay</c>: a batch's arrival at the feed adapter to the end of each live session's applying it.</summary>
    public LatencyHistogram SessionDelay { get; } = new();

    /// <summary><c>livesim.session.ticks</c>: feed entries applied by sessions.</summary>
    public long SessionTicks => Interlocked.Read(ref _counts[SessionTicksSlot]);

    /// <summary>The <c>livesim.bus.*</c> counters so far, and the lag gauge read now.</summary>
    public BusCounters Bus
    {
        get
        {
            _listener.RecordObservableInstruments();
            return new BusCounters(Interlocked.Read(ref _counts[1]), Interlocked.Read(ref _counts[2]), Interlocked.Read(ref _counts[3]), Interlocked.Read(ref _counts[4]), Interlocked.Read(ref _counts[LagSlot]));
        }
    }

    public void Dispose() => _listener.Dispose();
}

/// <summary>The event bus's counters at one moment.</summary>
public readonly record struct BusCounters(long Acked, long Duplicates, long Failed, long Refused, long Lag);
