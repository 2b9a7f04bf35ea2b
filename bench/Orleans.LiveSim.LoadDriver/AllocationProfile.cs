using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Orleans.LiveSim.LoadDriver;

/// <summary>
/// What the process allocates, by type, from the runtime's own sampled allocation events (one event about every
/// 100 KB allocated): no profiler is installed on these machines, and this needs none. Only with <c>--alloc-profile</c>.
/// </summary>
public sealed class AllocationProfile : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public void Start()
    {
        _bytes.Clear();
        _recording = true;
    }

    /// <summary>The types that took the most bytes since <see cref="Start"/>, as lines of text.</summary>
    public IEnumerable<string> Top(int count)
    {
        _recording = false;
        var total = _bytes.Values.Sum();
        return _bytes.OrderByDescending(kv => kv.Value).Take(count)
            .Select(kv => $"  {kv.Value / 1_048_576.0,9:0.0} MB  {100.0 * kv.Value / Math.Max(1, total),5:0.0} %  {kv.Key}");
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        // GCAllocationTick_V4: AllocationAmount64 is what was allocated since the previous tick of this heap.
        if (!_recording || e.EventId != 10 || e.Payload is null || e.PayloadNames is null)
        {
            return;
        }

        var type = e.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 0;
        _bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
