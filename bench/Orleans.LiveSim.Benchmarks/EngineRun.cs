using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Benchmarks;

/// <summary>What every <c>Apply</c> benchmark measures: a fresh engine over a stream, the event list reused as the grain does.</summary>
public static class EngineRun
{
    /// <summary>Applies <paramref name="ticks"/> to a new session of <paramref name="config"/>; returns the number of events.</summary>
    public static long Apply(SessionConfig config, FeedTick[] ticks, List<EngineEvent> events)
    {
        var engine = new SessionEngine(config);
        var count = 0L;
        foreach (var tick in ticks)
        {
            events.Clear();
            engine.Apply(tick, events);
            count += events.Count;
        }

        return count;
    }
}
