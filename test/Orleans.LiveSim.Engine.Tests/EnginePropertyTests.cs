using System.Text.Json;
using CsCheck;
using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Engine.Tests;

/// <summary>Invariants of the engine over random tick streams and random valid parameters of every sizing mode.</summary>
public sealed class EnginePropertyTests
{
    /// <summary>One round of a random stream; <see cref="Seed"/> drives drops, gap markers, duplicates and day changes.</summary>
    public sealed record RoundSpec(int RugTick, bool RugSeen, int DropPct, int Seed);

    private static readonly Gen<decimal> Fraction100 = Gen.Int[1, 100].Select(i => i / 100m);

    private static readonly Gen<SizingParameters> SizingGen =
        Gen.Select(
            Gen.Enum<SizingMode>(),
            Gen.Select(Gen.Int[50, 600], Fraction100, Gen.Bool, (w, k, skip) => (WinRate: w / 1000m, Kelly: k, Skip: skip)),
            Gen.Select(Gen.Bool, Gen.Int[0, 100], Gen.Int[10, 50], Gen.Int[1, 5], (on, t, m, n) => (On: on, Threshold: (decimal)t, Mult: m / 10m, Min: n)),
            Gen.Select(Gen.Bool, Gen.Int[0, 50], Fraction100, (on, t, f) => (On: on, Threshold: t / 100m, Floor: f)),
            Gen.Select(Gen.Int[10, 30], Gen.Int[10, 100], Gen.Int[10, 30], Gen.Int[10, 100], (lm, lc, wm, wc) => (LossMult: lm / 10m, LossCap: lc / 10m, WinMult: wm / 10m, WinCap: wc / 10m)),
            Gen.Select(Gen.Int[1, 10], Gen.Int[10, 30], Gen.Int[1, 50], (b, m, w) => (Base: b / 10m, Max: m / 10m, Weight: (decimal)w)),
            (mode, kelly, dyn, dd, streak, theta) => new SizingParameters
            {
                Mode = mode,
                WinRate = kelly.WinRate,
                KellyFraction = kelly.Kelly,
                KellyNoEdge = kelly.Skip ? KellyNoEdge.Skip : KellyNoEdge.BaseStake,
                DynamicSizing = dyn.On,
                DynamicThreshold = dyn.Threshold,
                DynamicMultiplier = dyn.Mult,
                DynamicMinSamples = dyn.Min,
                ReduceOnDrawdown = dd.On,
                DrawdownThreshold = dd.Threshold,
                DrawdownFloor = dd.Floor,
                LossStreakMultiplier = streak.LossMult,
                MaxLossMultiplier = streak.LossCap,
                WinStreakMultiplier = streak.WinMult,
                MaxStreakMultiplier = streak.WinCap,
                ThetaBase = theta.Base,
                ThetaMax = theta.Max,
                ThetaPriorWeight = theta.Weight,
            });

    private static readonly Gen<RiskParameters> RiskGen =
        Gen.Select(Gen.Int[0, 100], Gen.Int[0, 300], Gen.Int[0, 100], (dd, tp, daily) => new RiskParameters
        {
            MaxDrawdownPct = dd == 0 ? null : dd / 100m,
            TakeProfitTarget = tp == 0 ? null : 1m + (tp / 100m),
            DailyLossLimit = daily == 0 ? null : daily / 100m,
        });

    private static readonly Gen<SessionConfig> ConfigGen =
        Gen.Select(
            Gen.Select(Gen.Int[0, 120], Gen.Int[1, 6], Gen.Int[0, 10], (e, n, c) => (Entry: e, Num: n, Cooldown: c)),
            Gen.Int[10, 600].Select(i => i / 10000m).Array[1, 4],
            Gen.Int[1, 3000].Select(i => i / 10000m),
            SizingGen,
            RiskGen,
            (schedule, sizes, balance, sizing, risk) => new SessionConfig(balance, TickScheduleStrategy.StrategyId, new StrategyParameters
            {
                EntryTick = schedule.Entry,
                NumBets = schedule.Num,
                Cooldown = schedule.Cooldown,
                BetSizes = sizes,
                Sizing = sizing,
                Risk = risk,
            }, SidebetRules.Default));

    private static readonly Gen<RoundSpec[]> StreamGen =
        Gen.Select(Gen.Int[0, 260], Gen.Int[0, 9], Gen.Int[0, 30], Gen.Int, (rug, seen, drop, seed) => new RoundSpec(rug, seen != 0, drop, seed)).Array[1, 8];

    /// <summary>The entries a feed adapter would deliver (contiguous seq), plus redeliveries of already-sent entries.</summary>
    internal static List<FeedTick> Build(RoundSpec[] rounds)
    {
        var result = new List<FeedTick>();
        var seq = 0L;
        var at = new DateTimeOffset(2026, 1, 12, 23, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < rounds.Length; i++)
        {
            var spec = rounds[i];
            var random = new Random(spec.Seed);
            var game = $"g{i}";
            if (random.Next(4) == 0)
            {
                at = at.AddHours(random.Next(1, 30));
            }

            result.Add(new FeedTick("p", ++seq, game, 0, 1m, GamePhase.Cooldown, false, false, at));
            var price = 1m;
            var dropping = false;
            for (var t = 0; t < spec.RugTick; t++)
            {
                price = Math.Max(0.01m, price + (random.Next(-20, 31) / 1000m));
                if (random.Next(100) < spec.DropPct)
                {
                    if (!dropping && random.Next(2) == 0)
                    {
                        result.Add(new FeedTick("p", ++seq, game, t, 0m, GamePhase.Active, true, false, at, FeedTickKind.Gap, 1));
                    }

                    dropping = true;
                    continue;
                }

                dropping = false;
                result.Add(new FeedTick("p", ++seq, game, t, price, GamePhase.Active, true, false, at));
                if (random.Next(20) == 0)
                {
                    // A redelivery: an entry the session has already applied, sometimes from further back.
                    result.Add(result[Math.Max(0, result.Count - 1 - random.Next(5))]);
                }
            }

            if (spec.RugSeen)
            {
                result.Add(new FeedTick("p", ++seq, game, spec.RugTick, 0.02m, GamePhase.Rugged, random.Next(2) == 0, true, at));
            }
        }

        return result;
    }

    private static void CheckInvariants(SessionEngine engine, List<EngineEvent> events)
    {
        var s = engine.State;
        var rules = engine.Config.Rules;
        Assert.Equal(s.StartingBalance + s.Stats.NetPnl, s.Balance + s.InBets);
        Assert.True(s.Balance >= 0m, $"balance {s.Balance} is negative");
        Assert.Equal(s.ActiveBets.Sum(b => b.Stake), s.InBets);
        Assert.Equal(s.Stats.BetsPlaced, s.Stats.BetsWon + s.Stats.BetsLost + s.Stats.BetsVoided + s.ActiveBets.Count);
        Assert.Equal(s.Stats.GrossWins - s.Stats.GrossLosses, s.Stats.NetPnl);
        Assert.True(s.ActiveBets.Count <= rules.MaxActiveBets);
        foreach (var bet in s.ActiveBets)
        {
            Assert.True(bet.Stake >= rules.MinStake && bet.Stake <= rules.MaxStake && bet.Stake % rules.Quantum == 0m, $"stake {bet.Stake}");
        }
    }

    [Fact]
    public void Money_is_conserved_bets_settle_once_and_balance_never_goes_negative()
    {
        long won = 0, lost = 0, voided = 0, skipped = 0, completed = 0;
        Gen.Select(ConfigGen, StreamGen).Sample((config, rounds) =>
        {
            var engine = new SessionEngine(config);
            var events = new List<EngineEvent>();
            foreach (var tick in Build(rounds))
            {
                engine.Apply(tick, events);
                CheckInvariants(engine, events);
            }

            engine.Stop("end", events);
            CheckInvariants(engine, events);
            Assert.Empty(engine.State.ActiveBets);

            var placed = events.OfType<BetPlaced>().Select(p => p.Bet.BetId).ToList();
            var settled = events.OfType<BetSettled>().Select(x => x.Bet.BetId).ToList();
            Assert.Equal(placed.Count, placed.Distinct().Count());
            Assert.Equal(settled.Count, settled.Distinct().Count());
            Assert.Equal(placed.Order(), settled.Order());
            Assert.Equal(engine.State.StartingBalance + engine.State.Stats.NetPnl, engine.State.Balance);
            won += engine.State.Stats.BetsWon;
            lost += engine.State.Stats.BetsLost;
            voided += engine.State.Stats.BetsVoided;
            skipped += engine.State.Stats.BetsSkipped;
            completed += events.OfType<SessionEnded>().Count(e => e.Status == SessionStatus.Completed);
        }, iter: 150, threads: 1);

        // The streams must reach every path, or the invariants above prove little.
        Assert.True(won > 0 && lost > 0 && voided > 0 && skipped > 0 && completed > 0, $"won {won}, lost {lost}, voided {voided}, skipped {skipped}, completed {completed}");
    }

    [Fact]
    public void Same_input_gives_the_same_events_and_hash_even_across_a_json_restore()
    {
        Gen.Select(ConfigGen, StreamGen, Gen.Int[0, 100]).Sample((config, rounds, splitPct) =>
        {
            var ticks = Build(rounds);
            var (a, eventsA) = Feed.Apply(config, ticks);
            var (b, eventsB) = Feed.Apply(config, ticks);
            Assert.Equal(eventsA, eventsB);
            Assert.Equal(a.StateHash, b.StateHash);

            var split = ticks.Count * splitPct / 100;
            var (first, eventsC) = Feed.Apply(config, ticks.Take(split));
            var restored = new SessionEngine(config, JsonSerializer.Deserialize<SessionState>(JsonSerializer.Serialize(first.State)));
            foreach (var tick in ticks)
            {
                restored.Apply(tick, eventsC);
            }

            Assert.Equal(eventsA, eventsC);
            Assert.Equal(a.StateHash, restored.StateHash);
        }, iter: 100, threads: 1);
    }
}
