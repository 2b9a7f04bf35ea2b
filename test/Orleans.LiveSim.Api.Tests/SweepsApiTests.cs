using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Orleans.LiveSim.Api.Tests;

[Collection(HostCollection.Name)]
public sealed class SweepsApiTests(HostFixture host)
{
    // The legacy schedule from tick 219 (bets at 219, 264, 309) over the real rounds of the capture's history: four rounds
    // reach tick 219, rugging at 373, 1137, 329 and 266. One bet a round: 4 placed, none won; two: 8 placed, 1 won (264 at
    // the rug at 266); three: 11 placed, 2 won (309 at the rug at 329; that round's third bet is never reached). A win pays
    // 5x the stake in total, so the net P&L is -4, -3 and -1 stakes.
    private const string Grid = """{"numBets":{"from":1,"to":3,"step":1},"betSizes":[[0.001],[0.002],[0.003]]}""";
    private static readonly decimal[] NetPnl = [-0.004m, -0.008m, -0.012m, -0.003m, -0.006m, -0.009m, -0.001m, -0.002m, -0.003m];

    [SharedDataFact]
    public async Task A_3x3_grid_over_the_real_rounds_settles_and_ranks_every_variant_as_its_single_replay_does()
    {
        var recordingId = await UploadHistoryAsync();
        var sweep = await SweepClient.CreateAsync(host.Http, RealRoundsSweep(recordingId));
        var view = await SweepClient.CompletedAsync(host.Http, sweep, top: 9);

        var progress = view.GetProperty("progress");
        Assert.Equal((9, 9, 9), (progress.GetProperty("variants").GetInt32(), progress.GetProperty("created").GetInt32(), progress.GetProperty("done").GetInt32()));
        Assert.Equal(progress.GetProperty("ticksTotal").GetInt64(), progress.GetProperty("ticksApplied").GetInt64());
        var top = view.GetProperty("top").EnumerateArray().ToList();
        Assert.Equal([6, 7, 3, 8, 0, 4, 1, 5, 2], top.Select(v => v.GetProperty("index").GetInt32()));
        Assert.Equal(Enumerable.Range(1, 9), top.Select(v => v.GetProperty("rank").GetInt32()));
        Assert.All(top, v => Assert.Equal(NetPnl[v.GetProperty("index").GetInt32()], v.GetProperty("stats").GetProperty("netPnl").GetDecimal()));
        Assert.All(top, v => Assert.Equal(v.GetProperty("stats").GetProperty("netPnl").GetDecimal(), v.GetProperty("metric").GetDecimal()));
        var best = top[0];
        Assert.Equal("""{"numBets":3,"betSizes":[0.001]}""", best.GetProperty("params").GetRawText());
        Assert.Equal((11L, 2L, 9L), (best.GetProperty("stats").GetProperty("betsPlaced").GetInt64(), best.GetProperty("stats").GetProperty("betsWon").GetInt64(), best.GetProperty("stats").GetProperty("betsLost").GetInt64()));

        // Every variant is an ordinary session the sweep's token opens, and reproduces as a single replay of its parameters.
        foreach (var variant in top)
        {
            var session = new CreatedSession(variant.GetProperty("sessionId").GetString()!, sweep.Token, default, null!);
            var sessionView = await SessionClient.GetViewAsync(host.Http, session);
            Assert.Equal("completed", sessionView.GetProperty("status").GetString());
            Assert.Equal(variant.GetProperty("stateHash").GetString(), sessionView.GetProperty("stateHash").GetString());
        }

        var single = await SessionClient.CreateAsync(host.Http, $$$"""{"source":{"recordingId":"{{{recordingId}}}","speed":"max"},"strategy":{"params":{"entryTick":219,"cooldown":5,"numBets":3,"betSizes":[0.002]}},"startingBalance":0.1}""");
        var singleView = await Poll.UntilAsync(() => SessionClient.GetViewAsync(host.Http, single), v => v.GetProperty("status").GetString() == "completed", "the single replay to complete");
        Assert.Equal(top.Single(v => v.GetProperty("index").GetInt32() == 7).GetProperty("stateHash").GetString(), singleView.GetProperty("stateHash").GetString());
        Assert.Equal(-0.002m, singleView.GetProperty("stats").GetProperty("netPnl").GetDecimal());
    }

    [SharedDataFact]
    public async Task The_same_sweep_twice_gives_the_same_table()
    {
        var recordingId = await UploadHistoryAsync();
        var first = await SweepClient.CreateAsync(host.Http, RealRoundsSweep(recordingId));
        var second = await SweepClient.CreateAsync(host.Http, RealRoundsSweep(recordingId));
        var a = await SweepClient.CompletedAsync(host.Http, first);
        var b = await SweepClient.CompletedAsync(host.Http, second);

        Assert.Equal(a.GetProperty("tableHash").GetString(), b.GetProperty("tableHash").GetString());
        Assert.Equal(WithoutSessionIds(await SweepClient.VariantsAsync(host.Http, first, "ndjson"), first.Id), WithoutSessionIds(await SweepClient.VariantsAsync(host.Http, second, "ndjson"), second.Id));
        Assert.Equal(WithoutSessionIds(await SweepClient.VariantsAsync(host.Http, first, "csv"), first.Id), WithoutSessionIds(await SweepClient.VariantsAsync(host.Http, second, "csv"), second.Id));
    }

    [SharedDataFact]
    public async Task Variants_export_as_csv_and_ndjson_in_rank_order_with_their_parameters()
    {
        var sweep = await SweepClient.CreateAsync(host.Http, RealRoundsSweep(await UploadHistoryAsync()));
        await SweepClient.CompletedAsync(host.Http, sweep);

        var csv = (await SweepClient.VariantsAsync(host.Http, sweep, "csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, csv.Length);
        Assert.Equal("rank,index,sessionId,numBets,betSizes,status,statusReason,metric,lastSeq,ticksProcessed,gamesSeen,betsPlaced,betsWon,betsLost,betsVoided,totalWagered,netPnl,roiPct,sharpeRatio,maxDrawdownPct,winRatePct,profitFactor,equity,stateHash", csv[0]);
        Assert.StartsWith($"1,6,{sweep.Id}-6,3,[0.001],completed,replay_finished,-0.001,", csv[1], StringComparison.Ordinal);
        Assert.StartsWith($"9,2,{sweep.Id}-2,1,[0.003],completed,replay_finished,-0.012,", csv[9], StringComparison.Ordinal);

        var lines = (await SweepClient.VariantsAsync(host.Http, sweep, "ndjson")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([6, 7, 3, 8, 0, 4, 1, 5, 2], lines.Select(v => v.GetProperty("index").GetInt32()));
        Assert.Equal("[0.003]", lines[^1].GetProperty("params").GetProperty("betSizes").GetRawText());
    }

    [Fact]
    public async Task A_replay_sweep_streams_leaderboard_updates_and_its_stream_ends_when_every_variant_is_done()
    {
        await DemoJournalHoldsAsync(40);
        var sweep = await SweepClient.CreateAsync(host.Http, """{"source":{"feedId":"demo","fromSeq":1,"toSeq":40},"grid":{"entryTick":[1,2,3]},"metric":"maxDrawdownPct"}""");

        var items = await SweepClient.ReadStreamAsync(host.Http, sweep);

        Assert.All(items, i => Assert.Equal("sweep_update", i.EventType));
        var last = JsonDocument.Parse(items[^1].Data).RootElement;
        Assert.Equal("completed", last.GetProperty("body").GetProperty("status").GetString());
        Assert.Equal(3, last.GetProperty("body").GetProperty("progress").GetProperty("done").GetInt32());
        Assert.Equal("maxDrawdownPct", last.GetProperty("body").GetProperty("metric").GetString());
        Assert.Equal(last.GetProperty("updateSeq").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), items[^1].EventId);
        var seqs = items.Select(i => JsonDocument.Parse(i.Data).RootElement.GetProperty("updateSeq").GetInt64()).ToList();
        Assert.Equal(seqs.Order(), seqs);
    }

    [Fact]
    public async Task A_sweep_streams_over_a_websocket_as_json_text_frames_until_it_completes_and_the_server_closes()
    {
        await DemoJournalHoldsAsync(20);
        var sweep = await SweepClient.CreateAsync(host.Http, """{"source":{"feedId":"demo","fromSeq":1,"toSeq":20},"grid":{"numBets":[1,2]}}""");
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(new Uri($"ws://{host.BaseAddress.Authority}/live-sim/sweeps/{sweep.Id}/ws?access_token={sweep.Token}&top=1"), timeout.Token);

        var frames = new List<JsonElement>();
        var buffer = new byte[256 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == System.Net.WebSockets.WebSocketMessageType.Close)
            {
                break;
            }

            Assert.True(result.EndOfMessage);
            var json = Encoding.UTF8.GetString(buffer, 0, result.Count);
            await EventSchemas.ValidateAsync(host.Http, json);
            frames.Add(JsonDocument.Parse(json).RootElement.Clone());
        }

        Assert.All(frames, f => Assert.Equal("sweep_update", f.GetProperty("type").GetString()));
        Assert.Equal("completed", frames[^1].GetProperty("body").GetProperty("status").GetString());
        Assert.Equal(1, frames[^1].GetProperty("body").GetProperty("top").GetArrayLength());
    }

    [Fact]
    public async Task A_live_sweep_ranks_as_ticks_arrive_and_stopping_then_deleting_it_ends_and_removes_its_sessions()
    {
        var sweep = await SweepClient.CreateAsync(host.Http, """{"feedId":"demo","strategy":{"params":{"numBets":1}},"grid":{"entryTick":[1,3]}}""");
        Assert.Equal("live", sweep.View.GetProperty("source").GetProperty("mode").GetString());

        // Updates come while the variants apply live ticks: the leaderboard's ticks grow from one update to another.
        var items = await SweepClient.ReadStreamAsync(host.Http, sweep, seen => seen.Count >= 3 && Ticks(seen[^1]) > Ticks(seen[1]) && Ticks(seen[1]) > 0);
        Assert.Equal(2, JsonDocument.Parse(items[^1].Data).RootElement.GetProperty("body").GetProperty("top").GetArrayLength());

        using var stop = await host.Http.SendAsync(SessionClient.Request(HttpMethod.Post, $"/live-sim/sweeps/{sweep.Id}/stop", sweep.Token));
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.Equal("stopped", (await stop.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var variant = new CreatedSession($"{sweep.Id}-1", sweep.Token, default, null!);
        var stopped = await SessionClient.GetViewAsync(host.Http, variant);
        Assert.Equal(("stopped", "stopped_by_user"), (stopped.GetProperty("status").GetString(), stopped.GetProperty("statusReason").GetString()));
        Assert.Equal(sweep.View.GetProperty("source").GetProperty("fromSeq").GetInt64(), stopped.GetProperty("source").GetProperty("fromSeq").GetInt64());

        using var wrongToken = await host.Http.SendAsync(SessionClient.Request(HttpMethod.Delete, $"/live-sim/sweeps/{sweep.Id}", "not-the-token"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        using var deleted = await host.Http.SendAsync(SessionClient.Request(HttpMethod.Delete, $"/live-sim/sweeps/{sweep.Id}", sweep.Token));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await host.Http.SendAsync(SessionClient.Request(HttpMethod.Get, $"/live-sim/sweeps/{sweep.Id}", sweep.Token));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        foreach (var index in new[] { 0, 1 })
        {
            using var session = await host.Http.SendAsync(SessionClient.Request(HttpMethod.Get, $"/live-sim/sessions/{sweep.Id}-{index}", sweep.Token));
            Assert.Equal(HttpStatusCode.NotFound, session.StatusCode);
        }
    }

    [Fact]
    public async Task A_sweep_needs_its_token_and_an_unknown_sweep_is_404()
    {
        await DemoJournalHoldsAsync(10);
        var sweep = await SweepClient.CreateAsync(host.Http, """{"source":{"feedId":"demo","fromSeq":1,"toSeq":10},"grid":{"cooldown":[0]}}""");

        using var none = await host.Http.GetAsync($"/live-sim/sweeps/{sweep.Id}");
        using var stream = await host.Http.GetAsync($"/live-sim/sweeps/{sweep.Id}/stream?access_token=wrong");
        using var unknown = await host.Http.SendAsync(SessionClient.Request(HttpMethod.Get, "/live-sim/sweeps/nope", sweep.Token));
        using var socketAsPlainGet = await host.Http.SendAsync(SessionClient.Request(HttpMethod.Get, $"/live-sim/sweeps/{sweep.Id}/ws", sweep.Token));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stream.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, socketAsPlainGet.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("""{}""", "grid")]
    [InlineData("""{"grid":{}}""", "grid")]
    [InlineData("""{"grid":[1]}""", "grid")]
    [InlineData("""{"grid":{"entryTik":[1]}}""", "grid.entryTik")]
    [InlineData("""{"grid":{"entryTick":[10,6000]}}""", "grid.entryTick[1]")]
    [InlineData("""{"grid":{"entryTick":[10,1.5]}}""", "grid.entryTick[1]")]
    [InlineData("""{"grid":{"entryTick":[]}}""", "grid.entryTick")]
    [InlineData("""{"grid":{"betSizes":[[0.001],[5]]}}""", "grid.betSizes[1]")]
    [InlineData("""{"grid":{"sizing":["fixed","doubling"]}}""", "grid.sizing[1]")]
    [InlineData("""{"grid":{"numBets":{"from":1,"to":4,"step":0}}}""", "grid.numBets.step")]
    [InlineData("""{"grid":{"numBets":{"from":1,"to":4}}}""", "grid.numBets.step")]
    [InlineData("""{"grid":{"numBets":{"from":1,"to":400,"step":1}}}""", "grid.numBets")]
    [InlineData("""{"grid":{"sizing":{"from":1,"to":4,"step":1}}}""", "grid.sizing")]
    [InlineData("""{"grid":{"numBets":[1]},"metric":"pnl"}""", "metric")]
    [InlineData("""{"grid":{"numBets":[1]},"bogus":1}""", "bogus")]
    [InlineData("""{"grid":{"numBets":[1]},"strategy":{"params":{"cooldown":-1}}}""", "strategy.params.cooldown")]
    [InlineData("""{"grid":{"numBets":[1]},"feedId":"nope"}""", "feedId")]
    [InlineData("""{"grid":{"entryTick":{"from":0,"to":5000,"step":1},"numBets":[1,2]}}""", "grid")]
    public async Task An_invalid_sweep_request_is_a_400_naming_the_field(string body, string field)
    {
        using var response = await host.Http.PostAsync("/live-sim/sweeps", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for {field}: {problem}");
    }

    [Fact]
    public async Task A_grid_of_more_variants_than_the_cap_is_refused_saying_how_many_it_gives()
    {
        // 5001 entry ticks x 2 bet counts: 10,002 variants, two over the default cap of 10,000.
        using var response = await host.Http.PostAsync("/live-sim/sweeps", new StringContent("""{"grid":{"entryTick":{"from":0,"to":5000,"step":1},"numBets":[1,2]}}""", Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("gives 10002 variants; a sweep may have at most 10000 (LiveSim:Sweeps:MaxVariants).", problem.GetProperty("errors").GetProperty("grid")[0].GetString());
    }

    [Fact]
    public async Task A_replay_range_the_journal_does_not_hold_is_a_409_with_the_range_it_holds()
    {
        using var response = await host.Http.PostAsync("/live-sim/sweeps", new StringContent("""{"source":{"feedId":"demo","fromSeq":1,"toSeq":999999999},"grid":{"numBets":[1]}}""", Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("source.toSeq", out _), problem.ToString());
        Assert.Equal(1, problem.GetProperty("availableFromSeq").GetInt64());
    }

    private static long Ticks(System.Net.ServerSentEvents.SseItem<string> item) =>
        JsonDocument.Parse(item.Data).RootElement.GetProperty("body").GetProperty("progress").GetProperty("ticksApplied").GetInt64();

    private static string RealRoundsSweep(string recordingId) =>
        $$$"""{"source":{"recordingId":"{{{recordingId}}}"},"strategy":{"id":"tick-schedule","params":{"entryTick":219,"cooldown":5}},"startingBalance":0.1,"grid":{{{Grid}}},"metric":"netPnl"}""";

    private static string WithoutSessionIds(string text, string sweepId) => text.Replace(sweepId, "SWEEP", StringComparison.Ordinal);

    private async Task<string> UploadHistoryAsync()
    {
        using var response = await host.Http.PostAsync("/live-sim/recordings?content=history", new StringContent(await File.ReadAllTextAsync(SharedData.CapturePath), Encoding.UTF8, "application/x-ndjson"));
        var info = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return info.GetProperty("recordingId").GetString()!;
    }

    private Task DemoJournalHoldsAsync(long entries) =>
        Poll.UntilAsync(() => host.Http.GetFromJsonAsync<JsonElement>("/live-sim/feeds/demo"), f => f.GetProperty("lastSeq").GetInt64() >= entries, $"the demo journal to hold {entries} entries");
}
