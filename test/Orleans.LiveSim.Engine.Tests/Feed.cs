using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Engine.Tests;

/// <summary>Builds a feed the way the feed adapter would: contiguous seq, one entry per received message.</summary>
internal sealed class Feed
{
    private long _seq;

    public DateTimeOffset At { get; set; } = new(2026, 1, 12, 10, 0, 0, TimeSpan.Zero);

    public List<FeedTick> Ticks { get; } = [];

    public FeedTick Active(string game, int tick, decimal price = 1.5m) =>
        Add(new FeedTick("test", ++_seq, game, tick, price, GamePhase.Active, true, false, At));

    public FeedTick Rug(string game, int tick) =>
        Add(new FeedTick("test", ++_seq, game, tick, 0.01m, GamePhase.Rugged, true, true, At));

    public FeedTick Gap(string game, int fromTick, int ticks) =>
        Add(new FeedTick("test", ++_seq, game, fromTick, 0m, GamePhase.Active, true, false, At, FeedTickKind.Gap, ticks));

    public FeedTick Cooldown(string game) =>
        Add(new FeedTick("test", ++_seq, game, 0, 1m, GamePhase.Cooldown, false, false, At));

    /// <summary>Active ticks <paramref name="from"/>..<paramref name="to"/> (inclusive).</summary>
    public Feed Run(string game, int from, int to)
    {
        for (var t = from; t <= to; t++)
        {
            Active(game, t);
        }

        return this;
    }

    /// <summary>A round with active ticks 0..rug-1 and its rug message at <paramref name="rug"/>.</summary>
    public Feed Round(string game, int rug)
    {
        Run(game, 0, rug - 1);
        Rug(game, rug);
        return this;
    }

    private FeedTick Add(FeedTick tick)
    {
        Ticks.Add(tick);
        return tick;
    }

    public static (SessionEngine Engine, List<EngineEvent> Events) Apply(SessionConfig config, IEnumerable<FeedTick> ticks)
    {
        var engine = new SessionEngine(config);
        var events = new List<EngineEvent>();
        foreach (var tick in ticks)
        {
            engine.Apply(tick, events);
        }

        return (engine, events);
    }
}
