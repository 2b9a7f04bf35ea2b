using BenchmarkDotNet.Attributes;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Benchmarks;

/// <summary>
/// <see cref="SessionEngine.Apply"/> over a pre-generated synthetic feed, reported per tick
/// (<see cref="TickStream.Length"/> ticks per operation, a fresh engine each time, the event list reused as the grain does).
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private readonly List<EngineEvent> _events = [];
    private FeedTick[] _ticks = [];

    [Params("default", "betting-heavy")]
    public string Config { get; set; } = "default";

    [GlobalSetup]
    public void Setup() => _ticks = TickStream.Generate();

    [Benchmark(OperationsPerInvoke = TickStream.Length)]
    public long ApplyPerTick()
    {
        var engine = new SessionEngine(Config == "default" ? Configs.Default : Configs.BettingHeavy);
        var events = 0L;
        foreach (var tick in _ticks)
        {
            _events.Clear();
            engine.Apply(tick, _events);
            events += _events.Count;
        }

        return events;
    }
}
