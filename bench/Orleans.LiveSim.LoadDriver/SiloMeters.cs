using System.Diagnostics.Metrics;
using Orleans.LiveSim.Grains.Hosting;

namespace Orleans.LiveSim.LoadDriver;

/// <summary>
/// Reads the silo's own metrics in process (meter <c>Orleans.LiveSim</c>, the same instruments <c>/metrics</c> exports):
/// the fan-out delay (feed receive to shard turn start) into a fine histogram, and the session-ticks counter.
/// </summary>
public sealed class SiloMeters : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _sessionTicks;

    public SiloMeters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LiveSimMetrics.MeterName && instrument.Name is "livesim.fanout.delay" or "livesim.session.ticks")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => FanoutDelay.RecordMs(seconds * 1000));
        _listener.SetMeasurementEventCallback<long>((_, ticks, _, _) => Interlocked.Add(ref _sessionTicks, ticks));
        _listener.Start();
    }

    /// <summary><c>livesim.fanout.delay</c>: a batch's arrival at the feed adapter to the start of each shard turn delivering it.</summary>
    public LatencyHistogram FanoutDelay { get; } = new();

    /// <summary><c>livesim.session.ticks</c>: feed entries applied by sessions.</summary>
    public long SessionTicks => Interlocked.Read(ref _sessionTicks);

    public void Dispose() => _listener.Dispose();
}
