using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Engine.Strategies;

/// <summary>
/// The legacy tick schedule: bet k of a round starts at <c>EntryTick + k * (Window + Cooldown)</c>, k &lt; NumBets.
/// A bet whose exact tick was missed (feed gap, or the previous bet still open) is placed on the first later
/// bettable tick inside its window; once its window has passed it is skipped.
/// </summary>
public sealed class TickScheduleStrategy(StrategyParameters parameters, SidebetRules rules) : IStrategy
{
    public const string StrategyId = "tick-schedule";

    public string Id => StrategyId;

    public int TargetTick(int k) => parameters.EntryTick + (k * (rules.Window + parameters.Cooldown));

    public ScheduleDecision Decide(SessionState state, FeedTick tick)
    {
        var k = state.ScheduleIndex;
        if (k >= parameters.NumBets)
        {
            return ScheduleDecision.Wait;
        }

        var target = TargetTick(k);
        if (tick.Tick < target)
        {
            return ScheduleDecision.Wait;
        }

        return tick.Tick < target + rules.Window
            ? new ScheduleDecision(ScheduleAction.Place, k, target, parameters.BaseStake(k))
            : new ScheduleDecision(ScheduleAction.Skip, k, target, 0m);
    }
}
