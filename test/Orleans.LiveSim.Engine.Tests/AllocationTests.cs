using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Engine.Tests;

/// <summary>
/// What the engine allocates is part of its contract with 100,000 sessions on one silo (garbage is GC pauses for all of
/// them). Bytes are counted exactly per thread, so unlike time this can be asserted.
/// </summary>
public sealed class AllocationTests
{
    [Fact]
    public void An_ordinary_tick_allocates_nothing()
    {
        var risk = new RiskParameters { MaxDrawdownPct = 0.5m, TakeProfitTarget = 2m, DailyLossLimit = 0.5m };
        var engine = new SessionEngine(Configs.Schedule(entryTick: 10, numBets: 1, risk: risk));
        var feed = new Feed();
        // Tick 10 places the bet, tick 50 settles it (lost); the ticks between and after only move the price.
        feed.Run("g", 0, 400);
        var events = new List<EngineEvent>(16);
        var ticks = feed.Ticks;
        for (var i = 0; i < 60; i++)
        {
            engine.Apply(ticks[i], events);
        }

        events.Clear();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 60; i < ticks.Count; i++)
        {
            engine.Apply(ticks[i], events);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Empty(events);
        Assert.Equal(ticks.Count, engine.State.Stats.TicksProcessed);
        Assert.Equal(1, engine.State.Stats.BetsLost);
        Assert.Equal(0, allocated);
    }
}
