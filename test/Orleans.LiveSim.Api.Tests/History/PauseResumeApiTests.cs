using System.Net;
using System.Text.Json;
using static Orleans.LiveSim.Api.Tests.History.HistoryClient;

namespace Orleans.LiveSim.Api.Tests.History;

/// <summary>Pause and resume of a live session on the fast demo feed (20 ms ticks), watched over SSE, then replayed by a fork.</summary>
[Collection(HistoryCollection.Name)]
public sealed class PauseResumeApiTests(HistoryHostFixture host)
{
    private HttpClient Http => host.Http;

    [Fact]
    public async Task A_pause_over_a_round_places_no_bet_in_it_settles_the_open_one_and_the_replayed_command_log_gives_the_same_state_hash()
    {
        var s = await SessionClient.CreateAsync(Http, $$"""{"feedId": "demo", "strategy": {"params": {{Aggressive}}}, "startingBalance": 1}""");
        await using var tail = await EventTail.OpenAsync(Http, s);

        // Pause while a bet is open (a rug between its placement and the pause leaves none: then try on the next bet).
        JsonElement paused;
        while (true)
        {
            await tail.NextAsync("bet_placed");
            paused = await OkAsync(Http, HttpMethod.Post, $"/live-sim/sessions/{s.Id}/pause", s.Token);
            if (paused.GetProperty("activeBets").GetArrayLength() > 0)
            {
                break;
            }

            await OkAsync(Http, HttpMethod.Post, $"/live-sim/sessions/{s.Id}/resume", s.Token);
        }

        Assert.True(paused.GetProperty("paused").GetBoolean());
        var pausedAfter = LastSeq(paused);
        var openAtPause = paused.GetProperty("activeBets").EnumerateArray().Select(b => b.GetProperty("betId").GetInt64()).ToList();
        var pauseEvent = await tail.NextAsync("session_paused", e => e.GetProperty("feedSeq").GetInt64() == pausedAfter);
        Assert.Equal(pausedAfter + 1, pauseEvent.GetProperty("body").GetProperty("fromSeq").GetInt64());

        // A whole round while paused.
        var started = await tail.NextAsync("game_started");
        var round = started.GetProperty("body").GetProperty("gameId").GetString()!;
        await tail.NextAsync("game_ended", e => e.GetProperty("body").GetProperty("gameId").GetString() == round);
        var resumed = await OkAsync(Http, HttpMethod.Post, $"/live-sim/sessions/{s.Id}/resume", s.Token);
        Assert.False(resumed.GetProperty("paused").GetBoolean());
        var resumedAfter = LastSeq(resumed);
        var resumeEvent = await tail.NextAsync("session_resumed");
        Assert.Equal(resumedAfter, resumeEvent.GetProperty("feedSeq").GetInt64());
        var betAfterResume = await tail.NextAsync("bet_placed");
        var parent = await OkAsync(Http, HttpMethod.Post, $"/live-sim/sessions/{s.Id}/stop", s.Token);

        var rows = await BetsAsync(Http, s);
        var ofRound = rows.Where(r => r.GetProperty("gameId").GetString() == round).ToList();
        Assert.NotEmpty(ofRound);
        Assert.All(ofRound, r => Assert.Equal(("skipped", "paused"), (r.GetProperty("outcome").GetString(), r.GetProperty("reason").GetString())));
        Assert.DoesNotContain(rows, r => IsBet(r) && r.GetProperty("placedAtSeq").GetInt64() is var at && at > pausedAfter && at <= resumedAfter);
        foreach (var betId in openAtPause)
        {
            var bet = Assert.Single(rows, r => IsBet(r) && r.GetProperty("betId").GetInt64() == betId);
            Assert.Contains(bet.GetProperty("outcome").GetString(), new[] { "won", "lost" });
            Assert.True(bet.GetProperty("settledAtSeq").GetInt64() > pausedAfter, "the bet open at the pause settled after it");
        }

        Assert.Contains(rows, r => IsBet(r) && r.GetProperty("betId").GetInt64() == betAfterResume.GetProperty("body").GetProperty("bet").GetProperty("betId").GetInt64());
        Assert.Equal(Stat(parent, "betsPlaced"), rows.Count(IsBet));

        // The fork replays the same journal range with the command log: the same bets, the same stateHash.
        var fork = await ForkAsync(Http, s, "{}");
        Assert.Equal(s.Id, fork.View.GetProperty("forkOf").GetString());
        var forkView = await CompletedAsync(Http, fork);
        Assert.Equal(parent.GetProperty("stateHash").GetString(), forkView.GetProperty("stateHash").GetString());
        Assert.Equal(LastSeq(parent), LastSeq(forkView));
        Assert.Equal(rows.Select(r => r.GetRawText()), (await BetsAsync(Http, fork)).Select(r => r.GetRawText()));
    }

    [Fact]
    public async Task A_viewer_token_reads_the_history_and_gets_403_for_pause_resume_and_fork_which_the_owners_api_key_may_do()
    {
        var owner = await AccountClient.CreateAsync(Http, "history owner");
        var other = await AccountClient.CreateAsync(Http, "someone else");
        var s = await AccountClient.CreateSessionAsync(Http, owner.Key, """{"feedId": "demo"}""");
        using var minted = await Http.SendAsync(SessionClient.Request(HttpMethod.Post, $"/live-sim/sessions/{s.Id}/viewers", s.Token));
        Assert.Equal(HttpStatusCode.Created, minted.StatusCode);
        var viewer = JsonDocument.Parse(await minted.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;

        foreach (var read in new[] { "bets", "pnl?interval=hour", "equity" })
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(Http, HttpMethod.Get, $"/live-sim/sessions/{s.Id}/{read}", viewer)).Status);
        }

        Assert.StartsWith("eventSeq,betId,", (await FileAsync(Http, $"/live-sim/sessions/{s.Id}/bets?format=csv", viewer)).Text, StringComparison.Ordinal);

        foreach (var command in new[] { "pause", "resume", "fork" })
        {
            var (status, problem) = await SendAsync(Http, HttpMethod.Post, $"/live-sim/sessions/{s.Id}/{command}", viewer);
            Assert.True(status == HttpStatusCode.Forbidden, $"{command} with a viewer token: {(int)status} {problem}");
            Assert.Equal("Read-only access.", problem.GetProperty("title").GetString());
            var (byOther, _) = await AccountClient.ProblemAsync(Http, AccountClient.WithKey(HttpMethod.Post, $"/live-sim/sessions/{s.Id}/{command}", other.Key));
            Assert.Equal(HttpStatusCode.Unauthorized, byOther);
        }

        Assert.False((await OkAsync(Http, HttpMethod.Get, $"/live-sim/sessions/{s.Id}", s.Token)).GetProperty("paused").GetBoolean());
        using (var paused = await Http.SendAsync(AccountClient.WithKey(HttpMethod.Post, $"/live-sim/sessions/{s.Id}/pause", owner.Key)))
        {
            Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        }

        Assert.True((await OkAsync(Http, HttpMethod.Get, $"/live-sim/sessions/{s.Id}", viewer)).GetProperty("paused").GetBoolean());
        using var forked = await Http.SendAsync(AccountClient.WithKey(HttpMethod.Post, $"/live-sim/sessions/{s.Id}/fork", owner.Key, AccountClient.JsonBody("{}")));
        Assert.Equal(HttpStatusCode.Created, forked.StatusCode);
        var fork = JsonDocument.Parse(await forked.Content.ReadAsStringAsync()).RootElement;
        var forkSession = new CreatedSession(fork.GetProperty("id").GetString()!, fork.GetProperty("accessToken").GetString()!, fork, forked);
        var caughtUp = await Poll.UntilAsync(() => SessionClient.GetViewAsync(Http, forkSession), v => v.GetProperty("mode").GetString() == "live", "the fork to catch up and run live");
        Assert.True(caughtUp.GetProperty("paused").GetBoolean(), "the fork replayed its parent's pause");
        var (mine, _, listed) = await AccountClient.ListAsync(Http, AccountClient.WithKey(HttpMethod.Get, "/live-sim/sessions", owner.Key));
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Contains(fork.GetProperty("id").GetString(), mine);
        await OkAsync(Http, HttpMethod.Post, $"/live-sim/sessions/{forkSession.Id}/stop", forkSession.Token);
        await OkAsync(Http, HttpMethod.Post, $"/live-sim/sessions/{s.Id}/stop", s.Token);
    }

    [Fact]
    public async Task Pause_and_resume_need_the_sessions_token_and_a_running_session()
    {
        var s = await SessionClient.CreateAsync(Http, """{"feedId": "demo"}""");

        foreach (var command in new[] { "pause", "resume", "fork" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Http, HttpMethod.Post, $"/live-sim/sessions/{s.Id}/{command}", null)).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Http, HttpMethod.Post, $"/live-sim/sessions/{s.Id}/{command}", "not-the-token")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(Http, HttpMethod.Post, $"/live-sim/sessions/no-such-session/{command}", s.Token)).Status);
        }

        var first = await OkAsync(Http, HttpMethod.Post, $"/live-sim/sessions/{s.Id}/pause", s.Token);
        var second = await OkAsync(Http, HttpMethod.Post, $"/live-sim/sessions/{s.Id}/pause", s.Token);
        Assert.True(first.GetProperty("paused").GetBoolean());
        Assert.True(second.GetProperty("paused").GetBoolean());
        Assert.False((await OkAsync(Http, HttpMethod.Post, $"/live-sim/sessions/{s.Id}/resume", s.Token)).GetProperty("paused").GetBoolean());
        Assert.False((await OkAsync(Http, HttpMethod.Post, $"/live-sim/sessions/{s.Id}/resume", s.Token)).GetProperty("paused").GetBoolean());
        Assert.True((await OkAsync(Http, HttpMethod.Post, $"/live-sim/sessions/{s.Id}/pause", s.Token)).GetProperty("paused").GetBoolean());

        // The operator may too.
        using (var request = SessionClient.Request(HttpMethod.Post, $"/live-sim/sessions/{s.Id}/resume", null))
        {
            request.Headers.Add("X-Operator-Key", HostFixture.OperatorKey);
            using var response = await Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await OkAsync(Http, HttpMethod.Post, $"/live-sim/sessions/{s.Id}/stop", s.Token);
        foreach (var command in new[] { "pause", "resume" })
        {
            var (status, problem) = await SendAsync(Http, HttpMethod.Post, $"/live-sim/sessions/{s.Id}/{command}", s.Token);
            Assert.True(status == HttpStatusCode.Conflict, $"{command} of an ended session: {(int)status} {problem}");
        }
    }
}
