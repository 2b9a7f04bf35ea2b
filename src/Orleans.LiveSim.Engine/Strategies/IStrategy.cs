using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Engine.Strategies;

/// <summary>
/// A pure betting strategy: a function of the session's state and the current tick. The engine asks it on
/// every bettable tick while the session may hold another bet, and applies the rules to what it wants.
/// </summary>
public interface IStrategy
{
    /// <summary>Catalogue id, e.g. <c>tick-schedule</c>.</summary>
    string Id { get; }

    /// <summary>Decides what to do on a bettable <paramref name="tick"/>.</summary>
    ScheduleDecision Decide(SessionState state, FeedTick tick);
}
