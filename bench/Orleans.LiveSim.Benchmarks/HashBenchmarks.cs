using BenchmarkDotNet.Attributes;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Benchmarks;

/// <summary>
/// <see cref="StateHasher"/>: the pieces the engine mixes (per tick, per round, per event), the
/// <see cref="SessionEngine.StateHash"/> string a view builds, and the engine's per-tick UTC day.
/// The tick is an active tick read from a journal (a price of 16-17 digits).
/// </summary>
[MemoryDiagnoser]
public class HashBenchmarks
{
    private FeedTick _tick = null!;
    private SessionEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        var ticks = TickStream.AsJournalRead(TickStream.Generate(2_000));
        _tick = ticks.Last(t => t.Phase == GamePhase.Active && t.Tick > 10);
        _engine = new SessionEngine(Configs.BettingHeavy);
        foreach (var t in ticks)
        {
            _engine.Apply(t, []);
        }
    }

    [Benchmark]
    public ulong MixLong() => StateHasher.Mix(StateHasher.Seed, _tick.Seq);

    [Benchmark]
    public ulong MixDecimal() => StateHasher.Mix(StateHasher.Seed, _tick.Price);

    /// <summary>Once per round, with <c>GameStarted</c>.</summary>
    [Benchmark]
    public ulong MixGameId() => StateHasher.Mix(StateHasher.Seed, _tick.GameId);

    /// <summary>What the engine mixes for every entry it applies.</summary>
    [Benchmark]
    public ulong MixTick() => StateHasher.MixTick(StateHasher.Seed, _tick);

    [Benchmark]
    public string StateHashProperty() => _engine.StateHash;

    /// <summary>The engine's <c>TrackDay</c> computes this for every tick it applies.</summary>
    [Benchmark]
    public DateOnly UtcDay() => DateOnly.FromDateTime(_tick.ReceivedAt.UtcDateTime);
}
