using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Grains.Hosting;
using Orleans.LiveSim.Grains.Sessions;
using Orleans.Serialization;

namespace Orleans.LiveSim.Benchmarks;

/// <summary>
/// Per-tick serialization: the <c>live_tick</c> JSON a watched session writes (<see cref="SessionEventWriter.LiveTick"/>),
/// and the Orleans binary round trip of a <see cref="FeedBatch"/> (what crosses silos; inside one silo the
/// batch is <c>[Immutable]</c> and is passed without a copy).
/// </summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private readonly SessionEventWriter _writer = new("a1b2c3d4e5f6a7b8c9d0e1f2");
    private ServiceProvider _services = null!;
    private Serializer<FeedBatch> _serializer = null!;
    private FeedTick _tick = null!;
    private SessionState _state = null!;
    private FeedBatch _batch1 = null!;
    private FeedBatch _batch8 = null!;
    private byte[] _bytes1 = [];

    [GlobalSetup]
    public void Setup()
    {
        var ticks = TickStream.Generate(2_000);
        var engine = new SessionEngine(Configs.BettingHeavy);
        foreach (var t in ticks)
        {
            engine.Apply(t, []);
        }

        _state = engine.State;
        _tick = ticks.Last(t => t.Phase == GamePhase.Active && t.Tick > 10);
        _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        _serializer = _services.GetRequiredService<Serializer<FeedBatch>>();
        _batch1 = new FeedBatch("bench", [_tick]);
        _batch8 = new FeedBatch("bench", ticks[^8..]);
        _bytes1 = _serializer.SerializeToArray(_batch1);
        var bytes8 = _serializer.SerializeToArray(_batch8);
        Console.WriteLine($"// FeedBatch wire size: 1 tick {_bytes1.Length} B, 8 ticks {bytes8.Length} B; live_tick JSON {_writer.LiveTick(12345, _tick, _state).Json.Length} chars; game_started JSON {_writer.Domain(12345, new GameStarted(_tick.Seq, _tick.GameId)).Json.Length} chars");
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark]
    public int LiveTickJson() => _writer.LiveTick(12345, _tick, _state).Json.Length;

    /// <summary>A domain event: written and retained (up to EventBufferSize per session) whether or not anyone watches.</summary>
    [Benchmark]
    public int GameStartedJson() => _writer.Domain(12345, new GameStarted(_tick.Seq, _tick.GameId)).Json.Length;

    [Benchmark]
    public byte[] FeedBatch1Serialize() => _serializer.SerializeToArray(_batch1);

    [Benchmark]
    public FeedBatch FeedBatch1Deserialize() => _serializer.Deserialize(_bytes1)!;

    [Benchmark]
    public FeedBatch FeedBatch8Serialize_Deserialize() => _serializer.Deserialize(_serializer.SerializeToArray(_batch8))!;
}
