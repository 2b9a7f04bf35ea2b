using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Orleans.LiveSim.Api.Tests.History.HistoryClient;

namespace Orleans.LiveSim.Api.Tests.History;

/// <summary>Forks of a finished replay (same or new parameters, from its first or a later seq) and of a live session.</summary>
[Collection(HistoryCollection.Name)]
public sealed class ForkApiTests(HistoryHostFixture host)
{
    private HttpClient Http => host.Http;

    /// <summary>A finished replay of seq 1001..9000 of the long recording.</summary>
    private Task<(CreatedSession Session, JsonElement View)> ParentAsync() =>
        host.OnceAsync("fork-parent", async () =>
        {
            var recording = await host.LongRecordingAsync();
            return await CompletedReplayAsync(Http, $$"""{"source": {"recordingId": "{{recording}}", "fromSeq": 1001, "toSeq": 9000}, "strategy": {"params": {{Aggressive}}}, "startingBalance": 1}""");
        });

    [Fact]
    public async Task A_fork_with_unchanged_parameters_has_the_parents_state_hash_ledger_and_equity_at_every_seq()
    {
        var (parent, parentView) = await ParentAsync();
        var parentRows = await BetsAsync(Http, parent);
        var parentCurve = (await OkAsync(Http, HttpMethod.Get, $"/live-sim/sessions/{parent.Id}/equity", parent.Token)).GetRawText();

        foreach (var body in new[] { "", "{}", """{"fromSeq": 1001}""" })
        {
            var fork = await ForkAsync(Http, parent, body);
            var view = await CompletedAsync(Http, fork);

            Assert.Equal(parent.Id, view.GetProperty("forkOf").GetString());
            Assert.Equal(1001, view.GetProperty("source").GetProperty("fromSeq").GetInt64());
            Assert.Equal(9000, view.GetProperty("source").GetProperty("toSeq").GetInt64());
            Assert.Equal(parentView.GetProperty("stateHash").GetString(), view.GetProperty("stateHash").GetString());
            Assert.Equal(parentView.GetProperty("wallet").GetRawText(), view.GetProperty("wallet").GetRawText());
            Assert.Equal(parentRows.Select(r => r.GetRawText()), (await BetsAsync(Http, fork)).Select(r => r.GetRawText()));
            Assert.Equal(parentCurve, (await OkAsync(Http, HttpMethod.Get, $"/live-sim/sessions/{fork.Id}/equity", fork.Token)).GetRawText());
        }
    }

    [Fact]
    public async Task A_fork_from_a_later_seq_with_new_parameters_and_balance_is_the_session_started_there_with_them()
    {
        var (parent, _) = await ParentAsync();
        var recording = await host.LongRecordingAsync();
        const string Changed = """{"entryTick": 1, "numBets": 3, "cooldown": 0, "betSizes": [0.002]}""";

        var fork = await ForkAsync(Http, parent, """{"fromSeq": 5001, "strategy": {"params": {"numBets": 3, "betSizes": [0.002]}}, "startingBalance": 2}""");
        var view = await CompletedAsync(Http, fork);
        var (fresh, freshView) = await CompletedReplayAsync(Http, $$"""{"source": {"recordingId": "{{recording}}", "fromSeq": 5001, "toSeq": 9000}, "strategy": {"params": {{Changed}}}, "startingBalance": 2}""");

        Assert.Equal(2m, view.GetProperty("wallet").GetProperty("startingBalance").GetDecimal());
        Assert.Equal(3, view.GetProperty("strategy").GetProperty("parameters").GetProperty("numBets").GetInt32());
        Assert.Equal(freshView.GetProperty("stateHash").GetString(), view.GetProperty("stateHash").GetString());
        var rows = await BetsAsync(Http, fork);
        Assert.Equal(Stat(view, "betsPlaced"), rows.Count(IsBet));
        Assert.All(rows.Where(IsBet), r => Assert.Equal(0.002m, r.GetProperty("stake").GetDecimal()));
        Assert.All(rows, r => Assert.InRange(r.GetProperty("placedAtSeq").GetInt64(), 5001, 9000));
        Assert.Equal((await BetsAsync(Http, fresh)).Select(r => r.GetRawText()), rows.Select(r => r.GetRawText()));
    }

    [Fact]
    public async Task Fork_requests_name_the_bad_field()
    {
        var (parent, _) = await ParentAsync();

        foreach (var (body, field) in new[]
        {
            ("""{"fromSeq": 0}""", "fromSeq"),
            ("""{"fromSeq": 9001}""", "fromSeq"),
            ("""{"fromSeq": "soon"}""", "fromSeq"),
            ("""{"strategy": {"params": {"numBets": -1}}}""", "strategy.params.numBets"),
            ("""{"strategy": {"params": {"placementLatency": 1.5}}}""", "strategy.params.placementLatency"),
            ("""{"startingBalance": 0}""", "startingBalance"),
            ("""{"toSeq": 5}""", "toSeq"),
        })
        {
            var (status, problem) = await SendAsync(Http, HttpMethod.Post, $"/live-sim/sessions/{parent.Id}/fork", parent.Token, body);
            Assert.True(status == HttpStatusCode.BadRequest, $"{body}: {(int)status} {problem}");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{body} names {field}: {problem}");
        }
    }

    [Fact]
    public async Task A_fork_of_a_live_session_catches_up_then_follows_the_feed_live_with_contiguous_seqs_and_the_parents_state_hash()
    {
        using (var start = SessionClient.Request(HttpMethod.Post, $"/live-sim/feeds/{HistoryHostFixture.FiniteFeed}/start", null))
        {
            start.Headers.Add("X-Operator-Key", HostFixture.OperatorKey);
            using var started = await Http.SendAsync(start);
            Assert.True(started.IsSuccessStatusCode, $"feed start returned {(int)started.StatusCode}");
        }

        var parent = await SessionClient.CreateAsync(Http, $$"""{"feedId": "{{HistoryHostFixture.FiniteFeed}}", "strategy": {"params": {{Aggressive}}}, "startingBalance": 1}""");
        await Poll.UntilAsync(() => SessionClient.GetViewAsync(Http, parent), v => LastSeq(v) >= parent.View.GetProperty("connection").GetProperty("lastSeq").GetInt64() + 60, "the parent to apply 60 live ticks");

        var fork = await ForkAsync(Http, parent, "{}");
        await using var tail = await EventTail.OpenAsync(Http, fork);

        Assert.Equal("live", fork.View.GetProperty("source").GetProperty("mode").GetString());
        var feed = await Poll.UntilAsync(() => Http.GetFromJsonAsync<JsonElement>($"/live-sim/feeds/{HistoryHostFixture.FiniteFeed}"), f => f.GetProperty("state").GetString() == "disconnected", "the finite feed to reach its end");
        var last = feed.GetProperty("lastSeq").GetInt64();
        var parentView = await Poll.UntilAsync(() => SessionClient.GetViewAsync(Http, parent), v => LastSeq(v) == last, $"the parent to apply seq {last}");
        var forkView = await Poll.UntilAsync(() => SessionClient.GetViewAsync(Http, fork), v => LastSeq(v) == last, $"the fork to apply seq {last}");
        await tail.NextAsync("live_tick", e => e.GetProperty("feedSeq").GetInt64() == last);

        var first = forkView.GetProperty("source").GetProperty("fromSeq").GetInt64();
        Assert.Equal(LastSeq(parent.View) + 1, first);
        Assert.Equal("live", forkView.GetProperty("mode").GetString());
        Assert.Equal(last - first + 1, Stat(forkView, "ticksProcessed"));
        Assert.Equal(Stat(parentView, "ticksProcessed"), Stat(forkView, "ticksProcessed"));
        Assert.Equal(parentView.GetProperty("stateHash").GetString(), forkView.GetProperty("stateHash").GetString());
        var seqs = tail.Seen.Where(e => e.GetProperty("type").GetString() == "live_tick").Select(e => e.GetProperty("feedSeq").GetInt64()).ToList();
        Assert.True(seqs.Count > 1, "the fork's stream carried live ticks");
        Assert.Equal(Enumerable.Range(0, seqs.Count).Select(i => seqs[0] + i), seqs);
        Assert.Equal((await BetsAsync(Http, parent)).Select(r => r.GetRawText()), (await BetsAsync(Http, fork)).Select(r => r.GetRawText()));
    }
}
