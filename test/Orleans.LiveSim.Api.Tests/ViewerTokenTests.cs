using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using static Orleans.LiveSim.Api.Tests.AccountClient;

namespace Orleans.LiveSim.Api.Tests;

[Collection(HostCollection.Name)]
public sealed class ViewerTokenTests(HostFixture host)
{
    private HttpClient Http => host.Http;

    [Fact]
    public async Task A_viewer_token_reads_and_streams_a_session_and_every_change_is_403()
    {
        var s = await SessionClient.CreateAsync(Http);
        var (viewerId, token) = await MintAsync(s.Id, s.Token);
        var viewer = s with { Token = token };

        var view = await SessionClient.GetViewAsync(Http, viewer);
        var streamed = await SessionClient.ReadStreamAsync(Http, viewer, 1, i => i.EventType == "snapshot");
        var socket = await FirstFrameAsync($"/live-sim/sessions/{s.Id}/ws?access_token={token}");
        var (stop, stopProblem) = await ProblemAsync(Http, SessionClient.Request(HttpMethod.Post, $"/live-sim/sessions/{s.Id}/stop", token));
        var (mint, _) = await ProblemAsync(Http, SessionClient.Request(HttpMethod.Post, $"/live-sim/sessions/{s.Id}/viewers", token));
        var (list, _) = await ProblemAsync(Http, SessionClient.Request(HttpMethod.Get, $"/live-sim/sessions/{s.Id}/viewers", token));
        var (revoke, _) = await ProblemAsync(Http, SessionClient.Request(HttpMethod.Delete, $"/live-sim/sessions/{s.Id}/viewers/{viewerId}", token));
        using var listed = await Http.SendAsync(SessionClient.Request(HttpMethod.Get, $"/live-sim/sessions/{s.Id}/viewers", s.Token));
        var listedText = await listed.Content.ReadAsStringAsync();

        Assert.Equal(s.Id, view.GetProperty("id").GetString());
        Assert.Equal("snapshot", streamed[0].EventType);
        Assert.Equal("snapshot", JsonDocument.Parse(socket).RootElement.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, stop);
        Assert.Equal("Read-only access.", stopProblem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, mint);
        Assert.Equal(HttpStatusCode.Forbidden, list);
        Assert.Equal(HttpStatusCode.Forbidden, revoke);
        Assert.Equal("running", (await SessionClient.GetViewAsync(Http, s)).GetProperty("status").GetString());
        Assert.Equal(viewerId, Assert.Single(JsonDocument.Parse(listedText).RootElement.EnumerateArray()).GetProperty("viewerId").GetString());
        Assert.DoesNotContain(token, listedText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_viewer_token_is_refused_from_the_next_request_on_and_a_wrong_one_never_reads()
    {
        var s = await SessionClient.CreateAsync(Http);
        var (viewerId, token) = await MintAsync(s.Id, s.Token);
        using var before = await Http.SendAsync(SessionClient.Request(HttpMethod.Get, $"/live-sim/sessions/{s.Id}", token));

        using var revoke = await Http.SendAsync(SessionClient.Request(HttpMethod.Delete, $"/live-sim/sessions/{s.Id}/viewers/{viewerId}", s.Token));
        var (after, _) = await ProblemAsync(Http, SessionClient.Request(HttpMethod.Get, $"/live-sim/sessions/{s.Id}", token));
        var (stream, _) = await ProblemAsync(Http, new HttpRequestMessage(HttpMethod.Get, $"/live-sim/sessions/{s.Id}/stream?access_token={token}"));
        var (again, _) = await ProblemAsync(Http, SessionClient.Request(HttpMethod.Delete, $"/live-sim/sessions/{s.Id}/viewers/{viewerId}", s.Token));
        var (wrong, _) = await ProblemAsync(Http, SessionClient.Request(HttpMethod.Get, $"/live-sim/sessions/{s.Id}", token[..^1] + (token[^1] == 'A' ? 'B' : 'A')));
        var (queryOnRead, _) = await ProblemAsync(Http, new HttpRequestMessage(HttpMethod.Get, $"/live-sim/sessions/{s.Id}?access_token={token}"));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after);
        Assert.Equal(HttpStatusCode.Unauthorized, stream);
        Assert.Equal(HttpStatusCode.NotFound, again);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, queryOnRead);
    }

    [Fact]
    public async Task A_session_holds_at_most_20_viewer_tokens_and_revoking_one_makes_room()
    {
        var s = await SessionClient.CreateAsync(Http);
        var minted = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            minted.Add((await MintAsync(s.Id, s.Token)).ViewerId);
        }

        var (full, problem) = await ProblemAsync(Http, SessionClient.Request(HttpMethod.Post, $"/live-sim/sessions/{s.Id}/viewers", s.Token));
        using (await Http.SendAsync(SessionClient.Request(HttpMethod.Delete, $"/live-sim/sessions/{s.Id}/viewers/{minted[0]}", s.Token)))
        {
        }

        var (_, fresh) = await MintAsync(s.Id, s.Token);

        Assert.Equal(20, minted.Distinct().Count());
        Assert.Equal(HttpStatusCode.Conflict, full);
        Assert.Equal("Too many viewer tokens.", problem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(SessionClient.Request(HttpMethod.Get, $"/live-sim/sessions/{s.Id}", fresh))).StatusCode);
    }

    [Fact]
    public async Task The_owner_account_and_the_operator_mint_viewer_tokens_another_account_and_unknown_sessions_cannot()
    {
        var owner = await CreateAsync(Http);
        var other = await CreateAsync(Http);
        var s = await CreateSessionAsync(Http, owner.Key);

        using var byOwner = await Http.SendAsync(WithKey(HttpMethod.Post, $"/live-sim/sessions/{s.Id}/viewers", owner.Key));
        using var byOperator = await Http.SendAsync(Operator(HttpMethod.Post, $"/live-sim/sessions/{s.Id}/viewers"));
        var (byOther, _) = await ProblemAsync(Http, WithKey(HttpMethod.Post, $"/live-sim/sessions/{s.Id}/viewers", other.Key));
        var (unknown, _) = await ProblemAsync(Http, Operator(HttpMethod.Post, "/live-sim/sessions/nope/viewers"));

        Assert.Equal(HttpStatusCode.Created, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byOperator.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byOther);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
    }

    [Theory]
    [InlineData("sessions")]
    [InlineData("sweeps")]
    public async Task A_viewer_token_is_listed_with_the_label_it_was_minted_with_and_a_label_too_long_or_an_unknown_field_is_a_400(string kind)
    {
        var (id, token) = kind == "sessions" ? await NewSessionAsync() : await NewSweepAsync();
        var path = $"/live-sim/{kind}/{id}/viewers";

        using var labelled = await Http.SendAsync(WithBody(SessionClient.Request(HttpMethod.Post, path, token), """{"label":"team screen"}"""));
        var created = await labelled.Content.ReadFromJsonAsync<JsonElement>();
        var (tooLong, tooLongProblem) = await ProblemAsync(Http, WithBody(SessionClient.Request(HttpMethod.Post, path, token), $$"""{"label":"{{new string('x', 101)}}"}"""));
        var (unknown, unknownProblem) = await ProblemAsync(Http, WithBody(SessionClient.Request(HttpMethod.Post, path, token), """{"lable":"x"}"""));
        using var listed = await Http.SendAsync(SessionClient.Request(HttpMethod.Get, path, token));
        var viewers = await listed.Content.ReadFromJsonAsync<JsonElement>();
        using var stop = await Http.SendAsync(SessionClient.Request(HttpMethod.Post, kind == "sessions" ? $"/live-sim/sessions/{id}/stop" : $"/live-sim/sweeps/{id}/stop", token));

        Assert.Equal(HttpStatusCode.Created, labelled.StatusCode);
        Assert.Equal("team screen", created.GetProperty("label").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
        Assert.Equal("may be at most 100 characters.", tooLongProblem.GetProperty("errors").GetProperty("label")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.True(unknownProblem.GetProperty("errors").TryGetProperty("lable", out _), unknownProblem.ToString());
        var only = Assert.Single(viewers.EnumerateArray());
        Assert.Equal((created.GetProperty("viewerId").GetString(), "team screen"), (only.GetProperty("viewerId").GetString(), only.GetProperty("label").GetString()));
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
    }

    private async Task<(string Id, string Token)> NewSessionAsync()
    {
        var session = await SessionClient.CreateAsync(Http);
        return (session.Id, session.Token);
    }

    private async Task<(string Id, string Token)> NewSweepAsync()
    {
        var sweep = await SweepClient.CreateAsync(Http, """{"feedId":"demo","grid":{"entryTick":[1]}}""");
        return (sweep.Id, sweep.Token);
    }

    private static HttpRequestMessage WithBody(HttpRequestMessage request, string json)
    {
        request.Content = JsonBody(json);
        return request;
    }

    private async Task<(string ViewerId, string Token)> MintAsync(string sessionId, string controlToken)
    {
        using var response = await Http.SendAsync(SessionClient.Request(HttpMethod.Post, $"/live-sim/sessions/{sessionId}/viewers", controlToken));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var viewer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/live-sim/sessions/{sessionId}/viewers/{viewer.GetProperty("viewerId").GetString()}", response.Headers.Location?.OriginalString);
        return (viewer.GetProperty("viewerId").GetString()!, viewer.GetProperty("token").GetString()!);
    }

    private async Task<string> FirstFrameAsync(string path)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(new Uri(host.BaseAddress.ToString().Replace("http", "ws", StringComparison.Ordinal)), path), timeout.Token);
        var buffer = new byte[1 << 20];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }
}
