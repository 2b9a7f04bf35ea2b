using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Engine.Tests;

internal static class Configs
{
    public static SessionConfig Schedule(int entryTick = 10, int numBets = 1, int cooldown = 5, decimal stake = 0.01m, decimal balance = 0.1m,
        SizingParameters? sizing = null, RiskParameters? risk = null) =>
        new(balance, TickScheduleStrategy.StrategyId, new StrategyParameters
        {
            EntryTick = entryTick,
            NumBets = numBets,
            Cooldown = cooldown,
            BetSizes = [stake],
            Sizing = sizing ?? new SizingParameters(),
            Risk = risk ?? new RiskParameters(),
        }, SidebetRules.Default);
}
