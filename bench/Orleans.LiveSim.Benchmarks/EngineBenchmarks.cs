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
    public long ApplyPerTick() => EngineRun.Apply(Configs.Named(Config), _ticks, _events);
}
