using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Testing;

/// <summary>
/// A fixed session and feed that touch every part of a session's state and every event type: won, lost and voided
/// bets, a skipped bet, a feed gap, a round that ends without its rug, dynamic sizing's rug history, a UTC day change,
/// and a bet still open at <see cref="Checkpoint"/>. The contract fixtures (a stored v1 session, the session view and the
/// events as clients received them) were written from it, so any change to those shapes shows up as a failed test.
/// </summary>
public static class GoldenSession
{
    public const string FeedId = "golden";

    public const string SessionId = "0123456789abcdef0123456789abcdef";

    /// <summary>The session's config: tick schedule (2, 42, 82), dynamic sizing on, every risk control set but out of reach.</summary>
    public static SessionConfig Config { get; } = new(
        1m,
        TickScheduleStrategy.StrategyId,
        new StrategyParameters
        {
            EntryTick = 2,
            NumBets = 3,
            Cooldown = 0,
            BetSizes = [0.01m, 0.02m],
            Sizing = new SizingParameters { DynamicSizing = true, DynamicMinSamples = 2 },
            Risk = new RiskParameters { MaxDrawdownPct = 0.9m, TakeProfitTarget = 3m, DailyLossLimit = 0.5m },
        },
        SidebetRules.Default);

    /// <summary>When the first entry was received.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 1, 12, 23, 59, 40, TimeSpan.Zero);

    /// <summary>The feed: contiguous seqs from 1, 250 ms apart, crossing midnight UTC.</summary>
    public static IReadOnlyList<FeedTick> Ticks => Run.Ticks;

    /// <summary>How many entries of <see cref="Ticks"/> the stored fixture had applied (a bet is open there).</summary>
    public static int Checkpoint => Run.Checkpoint;

    private static readonly (List<FeedTick> Ticks, int Checkpoint) Run = Build();

    private static (List<FeedTick> Ticks, int Checkpoint) Build()
    {
        var ticks = new List<FeedTick>();
        void Add(string game, int tick, decimal price, GamePhase phase, bool active, bool rugged, FeedTickKind kind = FeedTickKind.Tick, int gap = 0) =>
            ticks.Add(new FeedTick(FeedId, ticks.Count + 1, game, tick, price, phase, active, rugged, Start.AddMilliseconds(250 * ticks.Count), kind, gap));
        void Active(string game, int from, int to)
        {
            for (var t = from; t <= to; t++)
            {
                Add(game, t, 1m + (t * 0.01m), GamePhase.Active, true, false);
            }
        }

        // Round A: bet 0 at tick 2 loses at 42, bet 1 at 42 wins on the rug at 61.
        Add("20260112-aaaaaaaaaaaaaaaa", 0, 1m, GamePhase.Cooldown, false, false);
        Add("20260112-aaaaaaaaaaaaaaaa", 0, 1m, GamePhase.Presale, false, false);
        Active("20260112-aaaaaaaaaaaaaaaa", 0, 60);
        Add("20260112-aaaaaaaaaaaaaaaa", 61, 0.02m, GamePhase.Rugged, true, true);

        // Round B: a gap of 5 ticks, then the round ends unseen (the next round starts): the open bet is voided.
        Active("20260112-bbbbbbbbbbbbbbbb", 0, 30);
        Add("20260112-bbbbbbbbbbbbbbbb", 31, 0m, GamePhase.Active, true, false, FeedTickKind.Gap, 5);
        Active("20260112-bbbbbbbbbbbbbbbb", 36, 50);

        // Round C (the next UTC day): bet 0 at tick 2 wins on the rug at 11.
        Active("20260113-cccccccccccccccc", 0, 10);
        Add("20260113-cccccccccccccccc", 11, 0.5m, GamePhase.Rugged, true, true);

        // Round D: ticks 2..44 missing, so bet 0 is skipped and bet 1 is placed at 45; the checkpoint holds it open.
        Active("20260113-dddddddddddddddd", 0, 1);
        Add("20260113-dddddddddddddddd", 2, 0m, GamePhase.Active, true, false, FeedTickKind.Gap, 43);
        Active("20260113-dddddddddddddddd", 45, 50);
        var checkpoint = ticks.Count;

        // After the checkpoint: it wins on the rug at 60.
        Active("20260113-dddddddddddddddd", 51, 59);
        Add("20260113-dddddddddddddddd", 60, 0.3m, GamePhase.Rugged, true, true);
        return (ticks, checkpoint);
    }
}
