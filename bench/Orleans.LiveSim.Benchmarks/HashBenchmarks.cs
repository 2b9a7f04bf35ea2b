using System.Globalization;
using BenchmarkDotNet.Attributes;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Benchmarks;

/// <summary>
/// <see cref="StateHasher"/>: the pieces the engine mixes on every tick, the <see cref="SessionEngine.StateHash"/>
/// string a view builds, and the per-tick UTC-day string the engine's daily tracking formats.
/// </summary>
[MemoryDiagnoser]
public class HashBenchmarks
{
    private FeedTick _tick = null!;
    private SessionEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        var ticks = TickStream.Generate(2_000);
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

    [Benchmark]
    public ulong MixGameId() => StateHasher.Mix(StateHasher.Seed, _tick.GameId);

    /// <summary>What <c>HashTick</c> in the engine mixes for every tick: game id, tick, price, flags, gap ticks.</summary>
    [Benchmark]
    public ulong MixTickFields()
    {
        var h = StateHasher.Mix(StateHasher.Seed, _tick.GameId);
        h = StateHasher.Mix(h, _tick.Tick);
        h = StateHasher.Mix(h, _tick.Price);
        h = StateHasher.Mix(h, ((long)_tick.Phase << 8) | ((long)_tick.Kind << 4) | (_tick.Active ? 2L : 0L) | (_tick.Rugged ? 1L : 0L));
        return StateHasher.Mix(h, _tick.GapTicks);
    }

    [Benchmark]
    public string StateHashProperty() => _engine.StateHash;

    /// <summary>The engine's <c>TrackDay</c> formats this string for every tick it applies.</summary>
    [Benchmark]
    public string UtcDayString() => _tick.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
