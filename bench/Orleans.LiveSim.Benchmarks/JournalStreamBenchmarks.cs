using BenchmarkDotNet.Attributes;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Benchmarks;

/// <summary>
/// <see cref="SessionEngine.Apply"/> as a replay or a recovering session runs it: the synthetic feed read back from a
/// journal (<see cref="TickStream.AsJournalRead"/>), reported per tick (a fresh engine per operation, the event list
/// reused as the grain does).
/// </summary>
[MemoryDiagnoser]
public class JournalStreamBenchmarks
{
    private readonly List<EngineEvent> _events = [];
    private FeedTick[] _ticks = [];
    private SessionConfig _config = SessionConfig.Default;

    [Params("default", "default+risk", "betting-heavy")]
    public string Config { get; set; } = "default";

    [GlobalSetup]
    public void Setup()
    {
        _ticks = TickStream.AsJournalRead(TickStream.Generate());
        _config = Configs.Named(Config);
    }

    [Benchmark(OperationsPerInvoke = TickStream.Length)]
    public long ApplyPerTick() => EngineRun.Apply(_config, _ticks, _events);
}
