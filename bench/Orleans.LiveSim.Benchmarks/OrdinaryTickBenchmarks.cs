using BenchmarkDotNet.Attributes;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Benchmarks;

/// <summary>
/// <see cref="SessionEngine.Apply"/> on ordinary ticks, the ones that place and settle nothing (most of a real feed, and
/// all of it for a session waiting for its entry tick): <see cref="TickStream.OneLongRound"/>, whose first entry alone
/// starts a round, for a session whose schedule the round never reaches. Per tick; the engine and the one
/// <c>GameStarted</c> of each operation are spread over its <see cref="TickStream.Length"/> ticks.
/// </summary>
[MemoryDiagnoser]
public class OrdinaryTickBenchmarks
{
    private readonly List<EngineEvent> _events = [];
    private FeedTick[] _ticks = [];
    private SessionConfig _config = SessionConfig.Default;

    [Params("default", "default+risk")]
    public string Config { get; set; } = "default";

    [GlobalSetup]
    public void Setup()
    {
        _ticks = TickStream.OneLongRound();
        _config = Configs.Unreached(Configs.Named(Config));
    }

    [Benchmark(OperationsPerInvoke = TickStream.Length)]
    public long ApplyPerOrdinaryTick() => EngineRun.Apply(_config, _ticks, _events);
}
