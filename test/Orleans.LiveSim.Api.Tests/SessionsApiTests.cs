using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Orleans.LiveSim.Api.Tests;

[Collection(HostCollection.Name)]
public sealed class SessionsApiTests(HostFixture host)
{
    private HttpClient Http => host.Http;

    [Fact]
    public async Task Create_returns_201_with_location_the_view_and_a_256_bit_token()
    {
        var s = await SessionClient.CreateAsync(Http, """{"feedId":"demo","strategy":{"id":"tick-schedule","params":{"entryTick":10,"numBets":2}},"startingBalance":0.5}""");

        Assert.Equal($"/live-sim/sessions/{s.Id}", s.Response.Headers.Location?.OriginalString);
        Assert.Equal(43, s.Token.Length);
        Assert.Equal("running", s.View.GetProperty("status").GetString());
        Assert.Equal("live", s.View.GetProperty("mode").GetString());
        Assert.Equal(0.5m, s.View.GetProperty("wallet").GetProperty("balance").GetDecimal());
        Assert.Equal(10, s.View.GetProperty("strategy").GetProperty("parameters").GetProperty("entryTick").GetInt32());
        Assert.Equal("demo", s.View.GetProperty("source").GetProperty("feedId").GetString());
        Assert.Equal("synthetic", s.View.GetProperty("source").GetProperty("provider").GetString());
        Assert.Equal("connected", s.View.GetProperty("connection").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Create_without_a_body_starts_a_session_with_every_default()
    {
        using var response = await Http.PostAsync("/live-sim/sessions", null);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(0.1m, view.GetProperty("wallet").GetProperty("startingBalance").GetDecimal());
        Assert.Equal(200, view.GetProperty("strategy").GetProperty("parameters").GetProperty("entryTick").GetInt32());
        Assert.Equal("demo", view.GetProperty("source").GetProperty("feedId").GetString());
    }

    [Fact]
    public async Task Reading_a_session_needs_its_token_in_the_header_the_query_counts_only_for_streams()
    {
        var s = await SessionClient.CreateAsync(Http);

        using var none = await Http.SendAsync(SessionClient.Request(HttpMethod.Get, $"/live-sim/sessions/{s.Id}", null));
        using var wrong = await Http.SendAsync(SessionClient.Request(HttpMethod.Get, $"/live-sim/sessions/{s.Id}", "not-the-token"));
        using var bearer = await Http.SendAsync(SessionClient.Request(HttpMethod.Get, $"/live-sim/sessions/{s.Id}", s.Token));
        using var query = await Http.GetAsync($"/live-sim/sessions/{s.Id}?access_token={s.Token}");
        using var stopByQuery = await Http.PostAsync($"/live-sim/sessions/{s.Id}/stop?access_token={s.Token}", null);
        var streamed = await SessionClient.ReadStreamAsync(Http, s, 1, i => i.EventType == "snapshot");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        // A token in a URL ends up in logs and browser history: only EventSource and WebSocket clients, which cannot set headers, may use it.
        Assert.Equal(HttpStatusCode.Unauthorized, query.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stopByQuery.StatusCode);
        Assert.Equal("snapshot", streamed[0].EventType);
    }

    [Fact]
    public async Task The_operator_key_reads_and_stops_any_session()
    {
        var s = await SessionClient.CreateAsync(Http);

        using var read = new HttpRequestMessage(HttpMethod.Get, $"/live-sim/sessions/{s.Id}") { Headers = { { "X-Operator-Key", HostFixture.OperatorKey } } };
        using var readReply = await Http.SendAsync(read);
        using var stop = new HttpRequestMessage(HttpMethod.Post, $"/live-sim/sessions/{s.Id}/stop") { Headers = { { "X-Operator-Key", HostFixture.OperatorKey } } };
        using var stopReply = await Http.SendAsync(stop);
        using var wrongKey = new HttpRequestMessage(HttpMethod.Get, $"/live-sim/sessions/{s.Id}") { Headers = { { "X-Operator-Key", "not-the-key" } } };
        using var wrongReply = await Http.SendAsync(wrongKey);

        Assert.Equal(HttpStatusCode.OK, readReply.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stopReply.StatusCode);
        Assert.Equal("stopped", (await stopReply.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongReply.StatusCode);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/stop")]
    [InlineData("GET", "/stream")]
    public async Task Unknown_sessions_are_404_problem_details(string method, string suffix)
    {
        using var response = await Http.SendAsync(SessionClient.Request(new HttpMethod(method), $"/live-sim/sessions/{Guid.NewGuid():N}{suffix}", "any"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Stream_sends_a_snapshot_at_once_then_live_ticks_with_contiguous_event_ids()
    {
        var s = await SessionClient.CreateAsync(Http);

        var items = await SessionClient.ReadStreamAsync(Http, s, 3, i => i.EventType == "live_tick");

        Assert.Equal("snapshot", items[0].EventType);
        var snapshot = JsonDocument.Parse(items[0].Data).RootElement;
        Assert.Equal(s.Id, snapshot.GetProperty("body").GetProperty("id").GetString());
        var ticks = items.Where(i => i.EventType == "live_tick").ToList();
        Assert.Equal(3, ticks.Count);
        var ids = items.Skip(1).Where(i => i.EventType != "keepalive").Select(i => long.Parse(i.EventId!)).ToList();
        Assert.Equal(Enumerable.Range((int)ids[0], ids.Count).Select(i => (long)i), ids);
        Assert.Equal(long.Parse(items[0].EventId!) + 1, ids[0]);
        foreach (var tick in ticks)
        {
            var e = JsonDocument.Parse(tick.Data).RootElement;
            Assert.Equal("live_tick", e.GetProperty("type").GetString());
            Assert.Equal(1, e.GetProperty("schemaVersion").GetInt32());
            Assert.Equal(s.Id, e.GetProperty("sessionId").GetString());
            Assert.Equal(long.Parse(tick.EventId!), e.GetProperty("eventSeq").GetInt64());
            Assert.Equal(e.GetProperty("feedSeq").GetInt64(), e.GetProperty("body").GetProperty("tick").GetProperty("seq").GetInt64());
        }
    }

    [Fact]
    public async Task Stream_resumes_after_Last_Event_ID_with_the_next_event()
    {
        var s = await SessionClient.CreateAsync(Http);
        var first = await SessionClient.ReadStreamAsync(Http, s, 2, i => i.EventType == "live_tick");
        var lastSeen = first.Last(i => i.EventType == "live_tick").EventId!;

        var resumed = await SessionClient.ReadStreamAsync(Http, s, 2, i => i.EventType == "live_tick", lastEventId: lastSeen);

        Assert.DoesNotContain(resumed, i => i.EventType == "snapshot");
        var next = resumed.First(i => i.EventId is not null);
        Assert.Equal(long.Parse(lastSeen) + 1, long.Parse(next.EventId!));
    }

    [Fact]
    public async Task Stop_is_idempotent_and_returns_the_final_view()
    {
        var s = await SessionClient.CreateAsync(Http);
        await Poll.UntilAsync(() => SessionClient.GetViewAsync(Http, s), v => v.GetProperty("stats").GetProperty("ticksProcessed").GetInt64() >= 3, "three ticks applied");

        using var stop1 = await Http.SendAsync(SessionClient.Request(HttpMethod.Post, $"/live-sim/sessions/{s.Id}/stop", s.Token));
        var final1 = await stop1.Content.ReadFromJsonAsync<JsonElement>();
        using var stop2 = await Http.SendAsync(SessionClient.Request(HttpMethod.Post, $"/live-sim/sessions/{s.Id}/stop", s.Token));
        var final2 = await stop2.Content.ReadFromJsonAsync<JsonElement>();
        using var unauthorized = await Http.SendAsync(SessionClient.Request(HttpMethod.Post, $"/live-sim/sessions/{s.Id}/stop", null));

        Assert.Equal(HttpStatusCode.OK, stop1.StatusCode);
        Assert.Equal("stopped", final1.GetProperty("status").GetString());
        Assert.Equal("stopped_by_user", final1.GetProperty("statusReason").GetString());
        Assert.Equal(HttpStatusCode.OK, stop2.StatusCode);
        Assert.Equal(final1.GetProperty("stateHash").GetString(), final2.GetProperty("stateHash").GetString());
        Assert.Equal(final1.GetProperty("connection").GetProperty("lastSeq").GetInt64(), final2.GetProperty("connection").GetProperty("lastSeq").GetInt64());
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        var later = await SessionClient.GetViewAsync(Http, s);
        Assert.Equal(final1.GetProperty("stats").GetProperty("ticksProcessed").GetInt64(), later.GetProperty("stats").GetProperty("ticksProcessed").GetInt64());
    }

    [Theory]
    [InlineData("{not json", "")]
    [InlineData("[1,2]", "$")]
    [InlineData("""{"startingBalance":-1}""", "startingBalance")]
    [InlineData("""{"strategy":{"id":"tick-schedule","params":{"numBets":0}}}""", "strategy.params.numBets")]
    [InlineData("""{"strategy":{"id":"no-such-strategy"}}""", "strategy.id")]
    [InlineData("""{"feedId":"no-such-feed"}""", "feedId")]
    [InlineData("""{"colour":"red"}""", "colour")]
    [InlineData("""{"source":{"feedId":"demo","fromSeq":0}}""", "source.fromSeq")]
    public async Task Bad_create_requests_are_400_problem_details_naming_the_field(string body, string field)
    {
        using var response = await Http.PostAsync("/live-sim/sessions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        if (field.Length > 0)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
        }
    }

    [Fact]
    public async Task WebSocket_sends_the_same_events_as_json_text_frames()
    {
        var s = await SessionClient.CreateAsync(Http);
        using var socket = new ClientWebSocket();
        var uri = new Uri($"ws://{host.BaseAddress.Authority}/live-sim/sessions/{s.Id}/ws?access_token={s.Token}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(uri, timeout.Token);

        var types = new List<string>();
        var buffer = new byte[64 * 1024];
        while (types.Count(t => t == "live_tick") < 3)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            Assert.True(result.EndOfMessage);
            var json = Encoding.UTF8.GetString(buffer, 0, result.Count);
            var type = JsonDocument.Parse(json).RootElement.GetProperty("type").GetString()!;
            if (type != "keepalive")
            {
                await EventSchemas.ValidateAsync(Http, json);
            }

            types.Add(type);
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        Assert.Equal("snapshot", types[0]);
    }

    [Fact]
    public async Task A_betting_session_streams_every_event_type_of_a_round_and_each_matches_its_published_schema()
    {
        var s = await SessionClient.CreateAsync(Http, """{"strategy":{"id":"tick-schedule","params":{"entryTick":1,"numBets":3,"cooldown":0,"betSizes":[0.001]}}}""");

        // The stream starts at a snapshot taken whenever the client connects, possibly mid-round: read on until a whole
        // round that began after it has been seen, with a bet placed and settled in it.
        var items = await SessionClient.ReadStreamUntilAsync(Http, s, read =>
        {
            var types = read.Select(i => i.EventType).ToList();
            var started = types.IndexOf("game_started");
            return started >= 0 && new[] { "bet_placed", "bet_settled", "game_ended" }.All(t => types.IndexOf(t, started) > started);
        });
        using var stop = await Http.SendAsync(SessionClient.Request(HttpMethod.Post, $"/live-sim/sessions/{s.Id}/stop", s.Token));

        var types = items.Select(i => i.EventType).ToHashSet();
        Assert.Contains("snapshot", types);
        Assert.Contains("live_tick", types);
        Assert.Contains("game_started", types);
        Assert.Contains("bet_placed", types);
        Assert.Contains("bet_settled", types);
        Assert.Contains("game_ended", types);
        var settled = items.Where(i => i.EventType == "bet_settled").Select(i => JsonDocument.Parse(i.Data).RootElement.GetProperty("body")).ToList();
        Assert.All(settled, b => Assert.Equal(
            b.GetProperty("outcome").GetString() == "won" ? b.GetProperty("bet").GetProperty("stake").GetDecimal() * 5 : 0m,
            b.GetProperty("returned").GetDecimal()));
    }

    [Fact]
    public async Task Schemas_are_published_for_every_event_type()
    {
        var index = await Http.GetFromJsonAsync<JsonElement>("/live-sim/schema");
        var types = index.GetProperty("schemas").EnumerateArray().Select(l => l.GetProperty("type").GetString()).ToHashSet();
        using var unknown = await Http.GetAsync("/live-sim/schema/v1/nope.json");

        Assert.Equal("v1", index.GetProperty("version").GetString());
        Assert.Superset(new HashSet<string?> { "snapshot", "resync", "live_tick", "game_started", "game_ended", "bet_placed", "bet_settled", "bet_skipped", "feed_gap", "session_stopped" }, types);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task WebSocket_resumes_after_lastEventId_with_the_next_event()
    {
        var s = await SessionClient.CreateAsync(Http);
        var first = await SessionClient.ReadStreamAsync(Http, s, 2, i => i.EventType == "live_tick");
        var lastSeen = long.Parse(first.Last(i => i.EventType == "live_tick").EventId!);

        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(new Uri($"ws://{host.BaseAddress.Authority}/live-sim/sessions/{s.Id}/ws?access_token={s.Token}&lastEventId={lastSeen}"), timeout.Token);
        var buffer = new byte[64 * 1024];
        JsonElement next;
        do
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            next = JsonDocument.Parse(buffer.AsMemory(0, result.Count)).RootElement.Clone();
        }
        while (next.GetProperty("type").GetString() == "keepalive");

        Assert.NotEqual("snapshot", next.GetProperty("type").GetString());
        Assert.Equal(lastSeen + 1, next.GetProperty("eventSeq").GetInt64());
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
    }

    [Fact]
    public async Task Replay_of_the_demo_journal_runs_to_completed()
    {
        var feed = await Poll.UntilAsync(() => Http.GetFromJsonAsync<JsonElement>("/live-sim/feeds/demo"), f => f.GetProperty("lastSeq").GetInt64() >= 50, "50 journaled ticks");
        var to = feed.GetProperty("lastSeq").GetInt64();

        var s = await SessionClient.CreateAsync(Http, $$$"""{"source":{"feedId":"demo","fromSeq":1,"toSeq":{{{to}}},"speed":"max"}}""");
        var view = await Poll.UntilAsync(() => SessionClient.GetViewAsync(Http, s), v => v.GetProperty("status").GetString() == "completed", "the replay to complete");

        Assert.Equal("replay", view.GetProperty("mode").GetString());
        Assert.Equal("replay_finished", view.GetProperty("statusReason").GetString());
        Assert.Equal(to, view.GetProperty("connection").GetProperty("lastSeq").GetInt64());
        Assert.Equal(to, view.GetProperty("stats").GetProperty("ticksProcessed").GetInt64() + view.GetProperty("stats").GetProperty("feedGaps").GetInt64());
    }
}
