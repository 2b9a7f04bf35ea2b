using System.Text.Json.Nodes;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Feeds.Tests;

/// <summary>
/// The real capture (197 messages) through normalizer and checker. What it holds, by line (0-based):
/// round ...e046d1 from tick 129 (line 0) to its rug at tick 266 (line 158), tick 128 arriving after 129 (line 1),
/// the second rug message with an advanced tickCount 268 (line 160), then round ...88792b in cooldown: 35 partial
/// countdown updates and one full cooldown message (line 163) whose gameHistory holds the old round's 267 prices.
/// 18 trades and 1 battle event come as [trace, payload] lists; 2 rugRoyale updates; all 21 ignored.
/// </summary>
public sealed class RealCaptureIntegrityTests
{
    private const string OldRound = "20251207-e8186dbf38e046d1";
    private const string NewRound = "20251207-88792b42a6b44197";

    public static FeedCounters ExpectedCounters => new()
    {
        Messages = 197,
        Ticks = 139,
        Gaps = 0,
        GapsRepaired = 0,
        Duplicates = 1,
        OutOfOrder = 1,
        Malformed = 0,
        Reconciled = 0,
        Unreconciled = 0,
        Stale = 0,
        Reconnects = 0,
        PartialUpdates = 35,
        ListPayloads = 19,
        Ignored = 21,
        Dropped = 0,
    };

    [SharedDataFact]
    public void Real_capture_yields_exact_counters()
    {
        var (_, processor) = Pipeline.Run(SharedData.CaptureLines());
        Assert.Equal(ExpectedCounters, processor.Counters);
        Assert.Equal(2, processor.Checker.Rounds);
    }

    [SharedDataFact]
    public void Real_capture_yields_one_contiguous_round_one_rug_and_the_next_rounds_cooldown()
    {
        var (ticks, _) = Pipeline.Run(SharedData.CaptureLines());
        var old = ticks.Where(t => t.GameId == OldRound).ToList();
        Assert.Equal(Enumerable.Range(129, 138), old.Select(t => t.Tick));
        Assert.All(old.SkipLast(1), t => Assert.True(t.IsBettable));
        var rug = Assert.Single(ticks, t => t.Rugged);
        Assert.Equal((OldRound, 266, 0.00925864293410624m, GamePhase.Rugged), (rug.GameId, rug.Tick, rug.Price, rug.Phase));
        Assert.Equal(new FeedTick("test", 0, NewRound, 0, 1m, GamePhase.Cooldown, false, false, ticks[^1].ReceivedAt), ticks[^1]);
        Assert.Equal(1.061531247396796m, ticks[0].Price);
        Assert.All(ticks, t => Assert.Equal(0, t.Seq));
    }

    [SharedDataFact]
    public void Late_tick_128_after_129_is_dropped_as_out_of_order()
    {
        var (ticks, processor) = Pipeline.Run(SharedData.CaptureLines().Take(3));
        Assert.Equal([129, 130], ticks.Select(t => t.Tick));
        Assert.Equal(1, processor.Counters.OutOfOrder);
    }

    [SharedDataFact]
    public void Repeated_message_is_dropped_as_duplicate()
    {
        var lines = SharedData.CaptureLines().ToList();
        lines.Insert(11, lines[10]);
        var (ticks, processor) = Pipeline.Run(lines);
        Assert.Equal(2, processor.Counters.Duplicates);
        Assert.Equal(139, ticks.Count);
    }

    [SharedDataFact]
    public void Small_gap_is_repaired_from_partial_prices()
    {
        // Lines 50 and 51 carry ticks 171 and 172; line 53 (tick 173) lists 169..173 in partialPrices.
        var lines = Without(SharedData.CaptureLines(), 50, 51);
        var (ticks, processor) = Pipeline.Run(lines);
        Assert.Equal(ExpectedCounters with { Messages = 195, Gaps = 1, GapsRepaired = 1 }, processor.Counters);
        var repaired = ticks.Where(t => t.Tick is 171 or 172).ToList();
        Assert.Equal([2.184755727762128m, 2.193019132547949m], repaired.Select(t => t.Price));
        Assert.Equal(Enumerable.Range(129, 138), ticks.Where(t => t.GameId == OldRound).Select(t => t.Tick));
    }

    [SharedDataFact]
    public void Gap_beyond_partial_prices_becomes_one_gap_marker()
    {
        // Lines 44..51 carry ticks 165..172; partialPrices of tick 173 only reach back to 169.
        var lines = Without(SharedData.CaptureLines(), 44, 45, 46, 47, 48, 49, 50, 51);
        var (ticks, processor) = Pipeline.Run(lines);
        Assert.Equal(ExpectedCounters with { Messages = 189, Ticks = 131, Gaps = 1 }, processor.Counters);
        var gap = Assert.Single(ticks, t => t.Kind == FeedTickKind.Gap);
        Assert.Equal((OldRound, 165, 8), (gap.GameId, gap.Tick, gap.GapTicks));
        Assert.Equal(164, ticks[ticks.IndexOf(gap) - 1].Tick);
        Assert.Equal(173, ticks[ticks.IndexOf(gap) + 1].Tick);
    }

    [SharedDataFact]
    public void Round_without_rug_messages_is_reconciled_from_game_history_before_the_next_round()
    {
        var lines = Without(SharedData.CaptureLines(), 158, 160);
        var (ticks, processor) = Pipeline.Run(lines);
        Assert.Equal(ExpectedCounters with { Messages = 195, Duplicates = 0, Reconciled = 1 }, processor.Counters);
        var rug = Assert.Single(ticks, t => t.Rugged);
        Assert.Equal((OldRound, 266, 0.00925864293410624m), (rug.GameId, rug.Tick, rug.Price));
        Assert.Equal(NewRound, ticks[ticks.IndexOf(rug) + 1].GameId);
        Assert.Equal(265, ticks[ticks.IndexOf(rug) - 1].Tick);
    }

    [SharedDataFact]
    public void Reconciliation_fills_missed_ticks_from_game_history()
    {
        // The round's last three messages (ticks 264, 265, rug 266) and the trailing rug message are lost.
        var lines = Without(SharedData.CaptureLines(), 156, 157, 158, 160);
        var (ticks, processor) = Pipeline.Run(lines);
        Assert.Equal(ExpectedCounters with { Messages = 193, Duplicates = 0, Reconciled = 1, Gaps = 1, GapsRepaired = 1 }, processor.Counters);
        Assert.Equal(Enumerable.Range(129, 138), ticks.Where(t => t.GameId == OldRound).Select(t => t.Tick));
        Assert.Equal([0.5842373584122309m, 0.5996034926087009m], ticks.Where(t => t.Tick is 264 or 265).Select(t => t.Price));
    }

    [SharedDataFact]
    public void Round_without_rug_and_without_history_is_counted_unreconciled()
    {
        var lines = Without(SharedData.CaptureLines(), 158, 160);
        var index = lines.FindIndex(l => l.Contains("\"gameHistory\"", StringComparison.Ordinal) && l.Contains(NewRound, StringComparison.Ordinal));
        var node = JsonNode.Parse(lines[index])!;
        node["data"]!.AsObject().Remove("gameHistory");
        lines[index] = node.ToJsonString();
        var (ticks, processor) = Pipeline.Run(lines);
        Assert.Equal(ExpectedCounters with { Messages = 195, Ticks = 138, Duplicates = 0, Unreconciled = 1 }, processor.Counters);
        Assert.DoesNotContain(ticks, t => t.Rugged);
    }

    [SharedDataFact]
    public void Trailing_rug_message_alone_rugs_at_the_tick_partial_prices_name()
    {
        // Without the first rug message, the second (tickCount 268) must not invent ticks 267..268.
        var lines = Without(SharedData.CaptureLines(), 158);
        var (ticks, processor) = Pipeline.Run(lines);
        Assert.Equal(ExpectedCounters with { Messages = 196, Duplicates = 0 }, processor.Counters);
        var rug = Assert.Single(ticks, t => t.Rugged);
        Assert.Equal((266, 0.00925864293410624m), (rug.Tick, rug.Price));
    }

    private static List<string> Without(string[] lines, params int[] indexes) =>
        lines.Where((_, i) => !indexes.Contains(i)).ToList();
}
