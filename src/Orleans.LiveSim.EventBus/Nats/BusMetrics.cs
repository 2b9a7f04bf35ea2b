using System.Diagnostics.Metrics;
using Orleans.LiveSim.Grains.Hosting;

namespace Orleans.LiveSim.EventBus.Nats;

/// <summary>
/// The event bus on <c>/metrics</c> (meter <c>Orleans.LiveSim</c>): messages sent, acknowledged, reported as
/// duplicates by JetStream, failed, offers a full queue cut short, and the lag (events sessions on this silo hold
/// that the bus has not acknowledged).
/// </summary>
public sealed class BusMetrics
{
    public BusMetrics(IMeterFactory meters, Func<long> queued, Func<long> lag)
    {
        var meter = meters.Create(LiveSimMetrics.MeterName);
        Published = meter.CreateCounter<long>("livesim.bus.published", "{message}", "Messages sent to JetStream.");
        Acked = meter.CreateCounter<long>("livesim.bus.acked", "{message}", "Messages JetStream acknowledged (stored, or already held).");
        Duplicates = meter.CreateCounter<long>("livesim.bus.duplicates", "{message}", "Acknowledgements JetStream marked as duplicates (a repeat of a Nats-Msg-Id it holds).");
        Failed = meter.CreateCounter<long>("livesim.bus.failed", "{message}", "Publishes without an acknowledgement (bus down, timeout); offered again.");
        Refused = meter.CreateCounter<long>("livesim.bus.refused", "{offer}", "Offers of a session's waiting events that the publisher's full queue cut short (back-pressure; the session offers them again).");
        meter.CreateObservableGauge("livesim.bus.queued", queued, "{message}", "Messages queued or in flight in this silo's publisher.");
        meter.CreateObservableGauge("livesim.bus.lag", lag, "{event}", "Events sessions on this silo hold for the bus that it has not acknowledged.");
    }

    public Counter<long> Published { get; }

    public Counter<long> Acked { get; }

    public Counter<long> Duplicates { get; }

    public Counter<long> Failed { get; }

    public Counter<long> Refused { get; }
}
