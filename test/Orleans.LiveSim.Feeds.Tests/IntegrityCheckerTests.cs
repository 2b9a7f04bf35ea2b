using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Integrity;
using Orleans.LiveSim.Feeds.Provider;

namespace Orleans.LiveSim.Feeds.Tests;

public sealed class IntegrityCheckerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static TickObservation Active(string game, int tick, decimal price, double seconds) =>
        new(game, tick, price, true, false, GamePhase.Active, 0, T0.AddSeconds(seconds));

    private static TickObservation PreRound(string game, GamePhase phase, double seconds) =>
        new(game, 0, 1m, false, false, phase, 5000, T0.AddSeconds(seconds));

    [Fact]
    public void Feed_is_degraded_once_per_stale_episode_while_a_round_is_active()
    {
        var checker = new IntegrityChecker("f", new IntegrityOptions { StaleTimeout = TimeSpan.FromSeconds(5) });
        var ticks = new List<FeedTick>();
        checker.Apply(Active("g", 0, 1m, 0), ticks);
        Assert.Equal(FeedConnectionState.Connected, checker.Evaluate(T0.AddSeconds(5)));
        Assert.Equal(FeedConnectionState.Degraded, checker.Evaluate(T0.AddSeconds(5.001)));
        Assert.Equal(FeedConnectionState.Degraded, checker.Evaluate(T0.AddSeconds(9)));
        Assert.Equal(1, checker.Stale);
        checker.Apply(Active("g", 1, 1.1m, 9.5), ticks);
        Assert.Equal(FeedConnectionState.Connected, checker.Evaluate(T0.AddSeconds(10)));
        Assert.Equal(FeedConnectionState.Degraded, checker.Evaluate(T0.AddSeconds(15)));
        Assert.Equal(2, checker.Stale);
    }

    [Fact]
    public void Feed_is_not_stale_between_rounds()
    {
        var checker = new IntegrityChecker("f");
        var ticks = new List<FeedTick>();
        checker.Apply(Active("g", 0, 1m, 0), ticks);
        checker.Apply(new TickObservation("g", 1, 0.01m, true, true, GamePhase.Rugged, 0, T0.AddSeconds(0.25)), ticks);
        checker.Apply(PreRound("h", GamePhase.Cooldown, 0.5), ticks);
        Assert.Equal(FeedConnectionState.Connected, checker.Evaluate(T0.AddMinutes(5)));
        Assert.Equal(0, checker.Stale);
    }

    [Fact]
    public void Repeated_cooldown_messages_become_one_entry_per_phase()
    {
        var checker = new IntegrityChecker("f");
        var ticks = new List<FeedTick>();
        checker.Apply(PreRound("g", GamePhase.Cooldown, 0), ticks);
        checker.Apply(PreRound("g", GamePhase.Cooldown, 0.1), ticks);
        checker.Apply(PreRound("g", GamePhase.Presale, 0.2), ticks);
        checker.Apply(PreRound("g", GamePhase.Presale, 0.3), ticks);
        checker.Apply(Active("g", 0, 1m, 0.4), ticks);
        Assert.Equal([GamePhase.Cooldown, GamePhase.Presale, GamePhase.Active], ticks.Select(t => t.Phase));
        Assert.Equal((0, 0, 3), (checker.Duplicates, checker.OutOfOrder, checker.Ticks));
    }

    [Fact]
    public void Missing_first_ticks_of_a_watched_round_are_a_gap()
    {
        var checker = new IntegrityChecker("f");
        var ticks = new List<FeedTick>();
        checker.Apply(PreRound("g", GamePhase.Presale, 0), ticks);
        checker.Apply(Active("g", 3, 1.02m, 1), ticks);
        Assert.Equal(
            [(FeedTickKind.Tick, 0, 0), (FeedTickKind.Gap, 0, 3), (FeedTickKind.Tick, 3, 0)],
            ticks.Select(t => (t.Kind, t.Tick, t.GapTicks)));
        Assert.Equal((1, 0, 2), (checker.Gaps, checker.GapsRepaired, checker.Ticks));
    }

    [Fact]
    public void Joining_a_round_midway_is_not_a_gap()
    {
        var checker = new IntegrityChecker("f");
        var ticks = new List<FeedTick>();
        checker.Apply(Active("g", 40, 1.5m, 0), ticks);
        checker.Apply(Active("g", 41, 1.6m, 0.25), ticks);
        Assert.Equal([40, 41], ticks.Select(t => t.Tick));
        Assert.Equal(0, checker.Gaps);
    }

    [Fact]
    public void Gap_partly_covered_by_partial_prices_is_marked_not_half_repaired()
    {
        var checker = new IntegrityChecker("f");
        var ticks = new List<FeedTick>();
        checker.Apply(Active("g", 10, 1m, 0), ticks);
        checker.Apply(new PartialPricesObservation("g", 13, 15, new Dictionary<int, decimal> { [13] = 1.3m, [14] = 1.4m, [15] = 1.5m }, T0.AddSeconds(1)), ticks);
        checker.Apply(Active("g", 15, 1.5m, 1), ticks);
        Assert.Equal([(FeedTickKind.Tick, 10, 0), (FeedTickKind.Gap, 11, 4), (FeedTickKind.Tick, 15, 0)], ticks.Select(t => (t.Kind, t.Tick, t.GapTicks)));
    }

    [Fact]
    public void Late_message_of_a_finished_round_is_dropped()
    {
        var checker = new IntegrityChecker("f");
        var ticks = new List<FeedTick>();
        checker.Apply(Active("g", 5, 1m, 0), ticks);
        checker.Apply(new TickObservation("g", 6, 0.01m, true, true, GamePhase.Rugged, 0, T0.AddSeconds(1)), ticks);
        checker.Apply(PreRound("h", GamePhase.Cooldown, 2), ticks);
        checker.Apply(Active("g", 4, 1m, 3), ticks);
        checker.Apply(new TickObservation("g", 6, 0.01m, true, true, GamePhase.Rugged, 0, T0.AddSeconds(3)), ticks);
        Assert.Equal(3, ticks.Count);
        Assert.Equal((1, 1), (checker.OutOfOrder, checker.Duplicates));
    }
}
