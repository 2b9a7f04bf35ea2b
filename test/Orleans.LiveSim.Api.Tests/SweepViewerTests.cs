using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using static Orleans.LiveSim.Api.Tests.AccountClient;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>A sweep's read-only viewer tokens: they read the sweep and every variant session, and change nothing.</summary>
[Collection(HostCollection.Name)]
public sealed class SweepViewerTests(HostFixture host)
{
    private HttpClient Http => host.Http;

    [Fact]
    public async Task A_sweep_viewer_token_is_shown_once_listed_without_the_token_and_revoked_once()
    {
        var sweep = await ReplaySweepAsync();

        var (first, token) = await MintAsync(sweep.Id, sweep.Token);
        var (second, _) = await MintAsync(sweep.Id, sweep.Token);
        var listedBefore = await ListAsync(sweep.Id, sweep.Token);
        using var revoke = await Http.SendAsync(SessionClient.Request(HttpMethod.Delete, $"/live-sim/sweeps/{sweep.Id}/viewers/{first}", sweep.Token));
        var (again, againProblem) = await ProblemAsync(Http, SessionClient.Request(HttpMethod.Delete, $"/live-sim/sweeps/{sweep.Id}/viewers/{first}", sweep.Token));
        var listedAfter = await ListAsync(sweep.Id, sweep.Token);

        Assert.Equal([first, second], listedBefore.RootElement.EnumerateArray().Select(v => v.GetProperty("viewerId").GetString()));
        Assert.Equal(["viewerId", "createdAt", "label"], listedBefore.RootElement[0].EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain(token, listedBefore.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.StartsWith("viewer_", first, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again);
        Assert.Equal("Viewer token not found.", againProblem.GetProperty("title").GetString());
        Assert.Equal([second], listedAfter.RootElement.EnumerateArray().Select(v => v.GetProperty("viewerId").GetString()));
    }

    [Fact]
    public async Task A_sweep_viewer_token_reads_the_sweep_its_streams_its_variants_export_and_every_variant_session()
    {
        var sweep = await ReplaySweepAsync();
        var finished = await SweepClient.CompletedAsync(Http, sweep);
        var (_, token) = await MintAsync(sweep.Id, sweep.Token);
        var viewer = sweep with { Token = token };
        var variant = new CreatedSession($"{sweep.Id}-1", token, default, null!);
        var asOwner = new CreatedSession($"{sweep.Id}-1", sweep.Token, default, null!);

        var view = await SweepClient.GetAsync(Http, viewer);
        var streamed = await SweepClient.ReadStreamAsync(Http, viewer);
        var frame = await FirstFrameAsync($"/live-sim/sweeps/{sweep.Id}/ws?access_token={token}");
        var csv = await SweepClient.VariantsAsync(Http, viewer, "csv");
        var ndjson = await SweepClient.VariantsAsync(Http, viewer, "ndjson");
        var session = await SessionClient.GetViewAsync(Http, variant);
        var sessionStream = await SessionClient.ReadStreamAsync(Http, variant, 1, i => i.EventType == "snapshot");
        var bets = await ReadAsync($"/live-sim/sessions/{variant.Id}/bets?format=csv", token);
        var pnl = await ReadAsync($"/live-sim/sessions/{variant.Id}/pnl", token);
        var equity = await ReadAsync($"/live-sim/sessions/{variant.Id}/equity?format=csv", token);

        Assert.Equal(finished.GetProperty("tableHash").GetString(), view.GetProperty("tableHash").GetString());
        Assert.Equal(("sweep_update", "completed"), (streamed[^1].EventType, Body(streamed[^1].Data).GetProperty("status").GetString()));
        Assert.Equal("sweep_update", JsonDocument.Parse(frame).RootElement.GetProperty("type").GetString());
        Assert.Equal(await SweepClient.VariantsAsync(Http, sweep, "csv"), csv);
        Assert.Equal(await SweepClient.VariantsAsync(Http, sweep, "ndjson"), ndjson);
        Assert.Equal(((await SessionClient.GetViewAsync(Http, asOwner)).GetProperty("stateHash").GetString(), "completed"), (session.GetProperty("stateHash").GetString(), session.GetProperty("status").GetString()));
        Assert.Equal("snapshot", sessionStream[0].EventType);
        Assert.Equal(await ReadAsync($"/live-sim/sessions/{variant.Id}/bets?format=csv", sweep.Token), bets);
        Assert.Equal(await ReadAsync($"/live-sim/sessions/{variant.Id}/pnl", sweep.Token), pnl);
        Assert.Equal(await ReadAsync($"/live-sim/sessions/{variant.Id}/equity?format=csv", sweep.Token), equity);
    }

    [Fact]
    public async Task A_sweep_viewer_token_is_403_on_every_change_to_the_sweep_and_its_variants_and_they_keep_running()
    {
        var sweep = await LiveSweepAsync();
        try
        {
            var (viewerId, token) = await MintAsync(sweep.Id, sweep.Token);
            var variant = $"/live-sim/sessions/{sweep.Id}-0";
            var refusals = new Dictionary<string, (HttpStatusCode Status, string? Title)>();
            foreach (var (name, method, path) in new[]
            {
                ("sweep stop", HttpMethod.Post, $"/live-sim/sweeps/{sweep.Id}/stop"),
                ("sweep delete", HttpMethod.Delete, $"/live-sim/sweeps/{sweep.Id}"),
                ("sweep mint", HttpMethod.Post, $"/live-sim/sweeps/{sweep.Id}/viewers"),
                ("sweep list", HttpMethod.Get, $"/live-sim/sweeps/{sweep.Id}/viewers"),
                ("sweep revoke", HttpMethod.Delete, $"/live-sim/sweeps/{sweep.Id}/viewers/{viewerId}"),
                ("variant stop", HttpMethod.Post, $"{variant}/stop"),
                ("variant pause", HttpMethod.Post, $"{variant}/pause"),
                ("variant fork", HttpMethod.Post, $"{variant}/fork"),
                ("variant mint", HttpMethod.Post, $"{variant}/viewers"),
                ("variant resume", HttpMethod.Post, $"/live-sim/sessions/{sweep.Id}-1/resume"),
                ("variant webhooks", HttpMethod.Get, $"{variant}/webhooks"),
            })
            {
                var (status, problem) = await ProblemAsync(Http, SessionClient.Request(method, path, token));
                refusals[name] = (status, problem.GetProperty("title").GetString());
            }

            using var bus = SessionClient.Request(HttpMethod.Put, $"{variant}/bus", token);
            bus.Content = JsonBody("""{"events":[]}""");
            var (busStatus, _) = await ProblemAsync(Http, bus);

            Assert.All(refusals, r => Assert.Equal((HttpStatusCode.Forbidden, "Read-only access."), r.Value));
            Assert.Equal(HttpStatusCode.Forbidden, busStatus);
            Assert.Equal("running", (await SweepClient.GetAsync(Http, sweep)).GetProperty("status").GetString());
            Assert.Single((await ListAsync(sweep.Id, sweep.Token)).RootElement.EnumerateArray());
            foreach (var index in new[] { 0, 1 })
            {
                var view = await SessionClient.GetViewAsync(Http, new CreatedSession($"{sweep.Id}-{index}", sweep.Token, default, null!));
                Assert.Equal(("running", false), (view.GetProperty("status").GetString(), view.GetProperty("paused").GetBoolean()));
            }
        }
        finally
        {
            using var deleted = await Http.SendAsync(SessionClient.Request(HttpMethod.Delete, $"/live-sim/sweeps/{sweep.Id}", sweep.Token));
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
    }

    [Fact]
    public async Task A_revoked_sweep_viewer_token_is_refused_by_the_sweep_and_its_variants_from_the_next_request_on_and_its_sweep_stream_ends()
    {
        var sweep = await LiveSweepAsync();
        try
        {
            var (viewerId, token) = await MintAsync(sweep.Id, sweep.Token);
            var variant = $"/live-sim/sessions/{sweep.Id}-1";
            using var before = await Http.SendAsync(SessionClient.Request(HttpMethod.Get, variant, token));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            using var open = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/live-sim/sweeps/{sweep.Id}/stream?access_token={token}"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            await using var body = await open.Content.ReadAsStreamAsync(timeout.Token);
            await using var items = SseParser.Create(body).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
            Assert.True(await items.MoveNextAsync());
            var firstEvent = items.Current.EventType;

            using var revoke = await Http.SendAsync(SessionClient.Request(HttpMethod.Delete, $"/live-sim/sweeps/{sweep.Id}/viewers/{viewerId}", sweep.Token));
            var (sweepAfter, _) = await ProblemAsync(Http, SessionClient.Request(HttpMethod.Get, $"/live-sim/sweeps/{sweep.Id}", token));
            var (variantAfter, _) = await ProblemAsync(Http, SessionClient.Request(HttpMethod.Get, variant, token));
            var (variantStream, _) = await ProblemAsync(Http, new HttpRequestMessage(HttpMethod.Get, $"{variant}/stream?access_token={token}"));
            var (variantBets, _) = await ProblemAsync(Http, SessionClient.Request(HttpMethod.Get, $"{variant}/bets", token));
            var (variantStop, _) = await ProblemAsync(Http, SessionClient.Request(HttpMethod.Post, $"{variant}/stop", token));
            var (sweepStream, _) = await ProblemAsync(Http, new HttpRequestMessage(HttpMethod.Get, $"/live-sim/sweeps/{sweep.Id}/stream?access_token={token}"));
            // The stream opened before the revocation ends at its next read of the sweep (a live sweep's stream never ends by itself).
            var after = new List<string>();
            while (await items.MoveNextAsync())
            {
                after.Add(items.Current.EventType);
            }

            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            Assert.Equal("sweep_update", firstEvent);
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, sweepAfter);
            Assert.Equal(HttpStatusCode.Unauthorized, variantAfter);
            Assert.Equal(HttpStatusCode.Unauthorized, variantStream);
            Assert.Equal(HttpStatusCode.Unauthorized, variantBets);
            Assert.Equal(HttpStatusCode.Unauthorized, variantStop);
            Assert.Equal(HttpStatusCode.Unauthorized, sweepStream);
            Assert.False(timeout.IsCancellationRequested);
            Assert.All(after, t => Assert.True(t is "sweep_update" or "keepalive", t));
        }
        finally
        {
            using var deleted = await Http.SendAsync(SessionClient.Request(HttpMethod.Delete, $"/live-sim/sweeps/{sweep.Id}", sweep.Token));
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
    }

    [Fact]
    public async Task A_sweep_viewer_token_opens_neither_another_sweep_nor_its_variants_nor_an_unrelated_session()
    {
        var mine = await ReplaySweepAsync();
        var other = await ReplaySweepAsync();
        var unrelated = await SessionClient.CreateAsync(Http, """{"source":{"feedId":"demo","fromSeq":1,"toSeq":10,"speed":"max"}}""");
        var (_, token) = await MintAsync(mine.Id, mine.Token);

        using var own = await Http.SendAsync(SessionClient.Request(HttpMethod.Get, $"/live-sim/sessions/{mine.Id}-0", token));
        var (otherSweep, problem) = await ProblemAsync(Http, SessionClient.Request(HttpMethod.Get, $"/live-sim/sweeps/{other.Id}", token));
        var (otherVariant, _) = await ProblemAsync(Http, SessionClient.Request(HttpMethod.Get, $"/live-sim/sessions/{other.Id}-0", token));
        var (otherVariants, _) = await ProblemAsync(Http, SessionClient.Request(HttpMethod.Get, $"/live-sim/sweeps/{other.Id}/variants", token));
        var (session, _) = await ProblemAsync(Http, SessionClient.Request(HttpMethod.Get, $"/live-sim/sessions/{unrelated.Id}", token));
        var (unknownVariant, _) = await ProblemAsync(Http, SessionClient.Request(HttpMethod.Get, $"/live-sim/sessions/{mine.Id}-9", token));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherSweep);
        Assert.Equal("Missing or wrong access token.", problem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, otherVariant);
        Assert.Equal(HttpStatusCode.Unauthorized, otherVariants);
        Assert.Equal(HttpStatusCode.Unauthorized, session);
        Assert.Equal(HttpStatusCode.NotFound, unknownVariant);
    }

    [Fact]
    public async Task The_owner_account_and_the_operator_mint_sweep_viewer_tokens_another_account_cannot_and_an_unknown_sweep_is_404()
    {
        var owner = await CreateAsync(Http);
        var other = await CreateAsync(Http);
        await DemoJournalHoldsAsync(10);
        using var created = await Http.SendAsync(WithKey(HttpMethod.Post, "/live-sim/sweeps", owner.Key, JsonBody("""{"source":{"feedId":"demo","fromSeq":1,"toSeq":10},"grid":{"entryTick":[1,2]}}""")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var owned = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var anonymous = await ReplaySweepAsync();

        using var byOwner = await Http.SendAsync(WithKey(HttpMethod.Post, $"/live-sim/sweeps/{owned}/viewers", owner.Key));
        using var byOperator = await Http.SendAsync(Operator(HttpMethod.Post, $"/live-sim/sweeps/{owned}/viewers"));
        using var listByOwner = await Http.SendAsync(WithKey(HttpMethod.Get, $"/live-sim/sweeps/{owned}/viewers", owner.Key));
        var (byOther, _) = await ProblemAsync(Http, WithKey(HttpMethod.Post, $"/live-sim/sweeps/{owned}/viewers", other.Key));
        var (anonymousByAccount, _) = await ProblemAsync(Http, WithKey(HttpMethod.Post, $"/live-sim/sweeps/{anonymous.Id}/viewers", owner.Key));
        var (anonymousWithoutToken, _) = await ProblemAsync(Http, new HttpRequestMessage(HttpMethod.Post, $"/live-sim/sweeps/{anonymous.Id}/viewers"));
        var (unknown, unknownProblem) = await ProblemAsync(Http, Operator(HttpMethod.Post, "/live-sim/sweeps/nope/viewers"));
        var viewerToken = (await byOwner.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        using var viewerReadsOwned = await Http.SendAsync(SessionClient.Request(HttpMethod.Get, $"/live-sim/sessions/{owned}-1", viewerToken));

        Assert.Equal(HttpStatusCode.Created, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byOperator.StatusCode);
        Assert.Equal(2, (await listByOwner.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
        Assert.Equal(HttpStatusCode.Unauthorized, byOther);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousByAccount);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousWithoutToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal("Sweep not found.", unknownProblem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, viewerReadsOwned.StatusCode);
    }

    [Fact]
    public async Task A_sweep_holds_at_most_20_viewer_tokens_and_revoking_one_makes_room()
    {
        var sweep = await ReplaySweepAsync();
        var minted = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            minted.Add((await MintAsync(sweep.Id, sweep.Token)).ViewerId);
        }

        var (full, problem) = await ProblemAsync(Http, SessionClient.Request(HttpMethod.Post, $"/live-sim/sweeps/{sweep.Id}/viewers", sweep.Token));
        using (await Http.SendAsync(SessionClient.Request(HttpMethod.Delete, $"/live-sim/sweeps/{sweep.Id}/viewers/{minted[0]}", sweep.Token)))
        {
        }

        var (_, fresh) = await MintAsync(sweep.Id, sweep.Token);

        Assert.Equal(20, minted.Distinct().Count());
        Assert.Equal(HttpStatusCode.Conflict, full);
        Assert.Equal("Too many viewer tokens.", problem.GetProperty("title").GetString());
        using var read = await Http.SendAsync(SessionClient.Request(HttpMethod.Get, $"/live-sim/sweeps/{sweep.Id}", fresh));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    private async Task<CreatedSweep> ReplaySweepAsync()
    {
        await DemoJournalHoldsAsync(20);
        return await SweepClient.CreateAsync(Http, """{"source":{"feedId":"demo","fromSeq":1,"toSeq":20},"strategy":{"params":{"numBets":2,"cooldown":0}},"grid":{"entryTick":[1,3]}}""");
    }

    /// <summary>A live sweep of two variants, once both variant sessions exist.</summary>
    private async Task<CreatedSweep> LiveSweepAsync()
    {
        var sweep = await SweepClient.CreateAsync(Http, """{"feedId":"demo","strategy":{"params":{"numBets":1}},"grid":{"entryTick":[1,2]}}""");
        await Poll.UntilAsync(() => SweepClient.GetAsync(Http, sweep), v => v.GetProperty("progress").GetProperty("created").GetInt32() == 2, "both variants of the live sweep to be created");
        return sweep;
    }

    private async Task<(string ViewerId, string Token)> MintAsync(string sweepId, string controlToken)
    {
        using var response = await Http.SendAsync(SessionClient.Request(HttpMethod.Post, $"/live-sim/sweeps/{sweepId}/viewers", controlToken));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var viewer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/live-sim/sweeps/{sweepId}/viewers/{viewer.GetProperty("viewerId").GetString()}", response.Headers.Location?.OriginalString);
        return (viewer.GetProperty("viewerId").GetString()!, viewer.GetProperty("token").GetString()!);
    }

    private async Task<JsonDocument> ListAsync(string sweepId, string controlToken)
    {
        using var response = await Http.SendAsync(SessionClient.Request(HttpMethod.Get, $"/live-sim/sweeps/{sweepId}/viewers", controlToken));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private async Task<string> ReadAsync(string path, string token)
    {
        using var response = await Http.SendAsync(SessionClient.Request(HttpMethod.Get, path, token));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} returned {(int)response.StatusCode}: {text}");
        return text;
    }

    private async Task<string> FirstFrameAsync(string path)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{host.BaseAddress.Authority}{path}"), timeout.Token);
        var buffer = new byte[1 << 20];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }

    private static JsonElement Body(string data) => JsonDocument.Parse(data).RootElement.GetProperty("body");

    private Task DemoJournalHoldsAsync(long entries) =>
        Poll.UntilAsync(() => Http.GetFromJsonAsync<JsonElement>("/live-sim/feeds/demo"), f => f.GetProperty("lastSeq").GetInt64() >= entries, $"the demo journal to hold {entries} entries");
}
