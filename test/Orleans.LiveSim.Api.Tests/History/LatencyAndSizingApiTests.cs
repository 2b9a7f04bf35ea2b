using System.Text.Json;
using static Orleans.LiveSim.Api.Tests.History.HistoryClient;

namespace Orleans.LiveSim.Api.Tests.History;

/// <summary>Placement latency and the legacy sizing profile, through the API and read back from the ledger.</summary>
[Collection(HistoryCollection.Name)]
public sealed class LatencyAndSizingApiTests(HistoryHostFixture host)
{
    private HttpClient Http => host.Http;

    private async Task<string> RangeAsync(string parameters, string extra = "") =>
        $$"""{"source": {"recordingId": "{{await host.LongRecordingAsync()}}", "fromSeq": 1, "toSeq": 6000}, "strategy": {"params": {{parameters}}}, "startingBalance": 1{{extra}}}""";

    [Fact]
    public async Task A_tick_latency_places_each_bet_two_ticks_after_its_decision_the_same_way_on_every_run()
    {
        var (now, _) = await CompletedReplayAsync(Http, await RangeAsync(Aggressive));
        var (late, lateView) = await CompletedReplayAsync(Http, await RangeAsync(Delayed));
        var (again, againView) = await CompletedReplayAsync(Http, await RangeAsync(Delayed));

        var immediate = (await BetsAsync(Http, now)).Where(IsBet).ToList();
        var rows = await BetsAsync(Http, late);
        var delayed = rows.Where(IsBet).ToList();
        Assert.Equal(lateView.GetProperty("stateHash").GetString(), againView.GetProperty("stateHash").GetString());
        Assert.Equal(rows.Select(r => r.GetRawText()), (await BetsAsync(Http, again)).Select(r => r.GetRawText()));
        Assert.True(delayed.Count > 100, $"the replay places bets ({delayed.Count})");
        Assert.All(immediate, b => Assert.Equal(b.GetProperty("decisionTick").GetInt32(), b.GetProperty("startTick").GetInt32()));
        foreach (var bet in delayed)
        {
            Assert.Equal(bet.GetProperty("decisionTick").GetInt32() + 2, bet.GetProperty("startTick").GetInt32());
            Assert.Equal(bet.GetProperty("decidedAtSeq").GetInt64() + 2, bet.GetProperty("placedAtSeq").GetInt64());
        }

        // A round's first bet is decided on its entry tick either way and placed two ticks later; the next ones are decided when
        // the previous window has closed, so they move too. A bet whose round rugs before its placement is skipped.
        Assert.All(immediate.Concat(delayed).Where(b => b.GetProperty("scheduleIndex").GetInt32() == 0), b => Assert.Equal(1, b.GetProperty("decisionTick").GetInt32()));
        Assert.All(delayed.Where(b => b.GetProperty("scheduleIndex").GetInt32() == 0), b => Assert.Equal(3, b.GetProperty("startTick").GetInt32()));
        Assert.Equal(Stat(lateView, "betsSkipped"), rows.Count(r => !IsBet(r)));
        Assert.All(rows.Where(r => !IsBet(r)), r => Assert.Contains(r.GetProperty("reason").GetString(), new[] { "round_ended", "session_ended" }));
        Assert.NotEqual(lateView.GetProperty("stateHash").GetString(), (await SessionClient.GetViewAsync(Http, now)).GetProperty("stateHash").GetString());
    }

    [Fact]
    public async Task A_millisecond_latency_with_seeded_jitter_gives_the_same_bets_for_the_same_seed_and_others_for_another()
    {
        static string Jitter(int seed) =>
            $$"""{"entryTick": 1, "numBets": 5, "cooldown": 0, "betSizes": [0.001], "placementLatency": 250, "placementLatencyUnit": "ms", "placementLatencyJitter": 1000, "placementLatencySeed": {{seed}}}""";

        var (a, _) = await CompletedReplayAsync(Http, await RangeAsync(Jitter(3)));
        var (b, _) = await CompletedReplayAsync(Http, await RangeAsync(Jitter(3)));
        var (c, _) = await CompletedReplayAsync(Http, await RangeAsync(Jitter(4)));

        var rowsA = await BetsAsync(Http, a);
        Assert.Equal(rowsA.Select(r => r.GetRawText()), (await BetsAsync(Http, b)).Select(r => r.GetRawText()));
        Assert.NotEqual(rowsA.Select(r => r.GetRawText()), (await BetsAsync(Http, c)).Select(r => r.GetRawText()));
        var delays = rowsA.Where(IsBet).Select(r => r.GetProperty("startTick").GetInt32() - r.GetProperty("decisionTick").GetInt32()).ToList();
        // 250..1250 ms on 250 ms ticks: one to five ticks later, and not always the same.
        Assert.All(delays, d => Assert.InRange(d, 1, 5));
        Assert.True(delays.Distinct().Count() > 1, "the jitter varies the delay");
    }

    [SharedDataFact]
    public async Task A_legacy_kelly_file_stakes_the_legacy_formula_of_its_wallet_and_peak_bet_by_bet()
    {
        var file = await File.ReadAllTextAsync(Path.Combine(SharedData.LegacyStrategies, "219.json"));
        var p = JsonDocument.Parse(file).RootElement.GetProperty("params");
        var sizes = p.GetProperty("bet_sizes").EnumerateArray().Select(e => e.GetDecimal()).ToList();
        var recording = await host.LongRecordingAsync();

        var (s, view) = await CompletedReplayAsync(Http, $$"""{"source": {"recordingId": "{{recording}}", "speed": "max"}, "legacyStrategy": {{file}}}""");

        Assert.Equal("legacy", view.GetProperty("strategy").GetProperty("parameters").GetProperty("sizingProfile").GetString());
        var bets = (await BetsAsync(Http, s)).Where(IsBet).ToList();
        Assert.True(bets.Count >= 8, $"the replay places legacy bets ({bets.Count})");
        var balance = 0.26m;
        var peak = balance;
        var changes = bets.Select(b => (Seq: b.GetProperty("placedAtSeq").GetInt64(), Order: 1, Bet: b))
            .Concat(bets.Where(b => b.GetProperty("outcome").GetString() is "won" or "lost").Select(b => (Seq: b.GetProperty("settledAtSeq").GetInt64(), Order: 0, Bet: b)))
            .OrderBy(c => c.Seq).ThenBy(c => c.Order).ThenBy(c => c.Bet.GetProperty("eventSeq").GetInt64());
        long? rugSeq = null;
        foreach (var (seq, order, bet) in changes)
        {
            if (rugSeq is not null && seq != rugSeq)
            {
                peak = Math.Max(peak, balance);
                rugSeq = null;
            }

            if (order == 0)
            {
                balance += bet.GetProperty("returned").GetDecimal();
                rugSeq = seq;
                continue;
            }

            var legacy = LegacyFormula.Stake(balance, peak, sizes, bet.GetProperty("scheduleIndex").GetInt32() + 1, 
                p.GetProperty("use_kelly_sizing").GetBoolean(), p.GetProperty("kelly_fraction").GetDecimal(), p.GetProperty("use_dynamic_sizing").GetBoolean(),
                p.GetProperty("high_confidence_multiplier").GetDecimal(), p.GetProperty("reduce_on_drawdown").GetBoolean());
            Assert.True(Math.Min(legacy, balance) == bet.GetProperty("stake").GetDecimal(), $"bet {bet.GetProperty("betId")} on wallet {balance}, peak {peak}: legacy {legacy}, staked {bet.GetProperty("stake")}");
            Assert.Equal("kelly", bet.GetProperty("sizing").GetProperty("mode").GetString());
            Assert.Equal(balance, bet.GetProperty("sizing").GetProperty("bankroll").GetDecimal());
            balance -= bet.GetProperty("stake").GetDecimal();
        }
    }
}
