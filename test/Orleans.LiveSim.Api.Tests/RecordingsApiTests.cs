using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Orleans.LiveSim.Api.Tests;

[Collection(HostCollection.Name)]
public sealed class RecordingsApiTests(HostFixture host)
{
    // One full round of the capture (ticks 129..266, rug at 266): bets at 150 and 190 lose, the one at 230 wins.
    private const string Strategy = """{"strategy":{"id":"tick-schedule","params":{"entryTick":150,"numBets":3,"cooldown":0,"betSizes":[0.002]}},"startingBalance":0.1""";

    [SharedDataFact]
    public async Task Uploading_the_real_capture_reports_what_it_contains_and_lists_it()
    {
        var info = await UploadAsync();

        Assert.Equal(197, info.GetProperty("messages").GetInt64());
        Assert.Equal(139, info.GetProperty("ticks").GetInt64());
        Assert.Equal(2, info.GetProperty("rounds").GetInt64());
        Assert.Equal(1, info.GetProperty("counters").GetProperty("outOfOrder").GetInt64());
        Assert.Equal(1, info.GetProperty("counters").GetProperty("duplicates").GetInt64());
        Assert.Equal(0, info.GetProperty("counters").GetProperty("malformed").GetInt64());
        var id = info.GetProperty("recordingId").GetString();
        var list = await host.Http.GetFromJsonAsync<JsonElement>("/live-sim/recordings");
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("recordingId").GetString() == id);
        using var unknown = await host.Http.GetAsync("/live-sim/recordings/nope");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [SharedDataFact]
    public async Task The_real_rounds_of_a_capture_history_replay_with_settlements_by_the_providers_rule()
    {
        using var response = await host.Http.PostAsync("/live-sim/recordings?content=history", new StringContent(await File.ReadAllTextAsync(SharedData.CapturePath), Encoding.UTF8, "application/x-ndjson"));
        var info = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(("history", 11L, 2593L), (info.GetProperty("content").GetString(), info.GetProperty("rounds").GetInt64(), info.GetProperty("ticks").GetInt64()));

        // Legacy schedule: bets at 219, 264, 309, 354, each winning iff s <= rug < s + 40. Four rounds reach tick 219:
        // rug at 373 (219, 264, 309 lose; 354 wins), at 1137 (all four lose), at 329 (219, 264 lose; 309 wins; 354 is
        // never reached), at 266 (219 loses; 264 wins). 13 placed, 3 won, 10 lost.
        var s = await SessionClient.CreateAsync(host.Http, $$$"""{"source":{"recordingId":"{{{info.GetProperty("recordingId").GetString()}}}","speed":"max"},"strategy":{"id":"tick-schedule","params":{"entryTick":219,"numBets":4,"cooldown":5,"betSizes":[0.001]}},"startingBalance":0.1}""");
        var view = await Poll.UntilAsync(() => SessionClient.GetViewAsync(host.Http, s), v => v.GetProperty("status").GetString() == "completed", "the replay of the history to complete");

        var stats = view.GetProperty("stats");
        Assert.Equal(11, stats.GetProperty("gamesSeen").GetInt64());
        Assert.Equal(4, stats.GetProperty("gamesBet").GetInt64());
        Assert.Equal((13L, 3L, 10L, 0L), (stats.GetProperty("betsPlaced").GetInt64(), stats.GetProperty("betsWon").GetInt64(), stats.GetProperty("betsLost").GetInt64(), stats.GetProperty("betsVoided").GetInt64()));
        Assert.Equal(0.1m - 0.013m + 0.015m, view.GetProperty("wallet").GetProperty("balance").GetDecimal());
        Assert.Equal(0.002m, stats.GetProperty("netPnl").GetDecimal());
    }

    [Fact]
    public async Task Malformed_lines_are_counted_and_change_no_wallet()
    {
        var capture = """
            {"timestamp":"2025-12-06T19:57:10.420892","event_type":"gameStateUpdate","data":{"gameId":"20251207-aaaaaaaaaaaaaaaa","tickCount":1,"price":1.0,"active":true,"rugged":false}}
            {"timestamp":"2025-12-06T19:57:10.6","event_type":"gameStateUpdate","data":{"gameId":"20251207-aaaaaaaaaaaaaaaa","tickCount":2,"price":"NaN","active":true,"rugged":false}}
            {"timestamp":"2025-12-06T19:57:10.8","event_type":"gameStateUpdate","data":{"gameId":"20251207-aaaaaaaaaaaaaaaa","tickCount":
            {"timestamp":"2025-12-06T19:57:11.0","event_type":"gameStateUpdate","data":{"gameId":"20251207-aaaaaaaaaaaaaaaa","tickCount":2,"price":-3,"active":true,"rugged":false}}
            """;
        var info = await UploadAsync(capture);
        var s = await SessionClient.CreateAsync(host.Http, $$$"""{"source":{"recordingId":"{{{info.GetProperty("recordingId").GetString()}}}","speed":"max"}}""");
        var view = await Poll.UntilAsync(() => SessionClient.GetViewAsync(host.Http, s), v => v.GetProperty("status").GetString() == "completed", "the replay to complete");

        Assert.Equal(3, info.GetProperty("counters").GetProperty("malformed").GetInt64());
        Assert.Equal(1, info.GetProperty("ticks").GetInt64());
        Assert.Equal(0.1m, view.GetProperty("wallet").GetProperty("balance").GetDecimal());
        Assert.Equal(1, view.GetProperty("stats").GetProperty("ticksProcessed").GetInt64());
    }

    [SharedDataFact]
    public async Task Replaying_a_recording_gives_the_state_hash_of_the_live_session_that_saw_the_same_messages()
    {
        // Live: a session on the Socket.IO feed, then the feed is started and the server replays the capture to it.
        var live = await SessionClient.CreateAsync(host.Http, $$"""{"feedId":"{{HostFixture.ProviderFeed}}",{{Strategy[1..]}}}""");
        using var start = SessionClient.Request(HttpMethod.Post, $"/live-sim/feeds/{HostFixture.ProviderFeed}/start", null);
        start.Headers.Add("X-Operator-Key", HostFixture.OperatorKey);
        using var started = await host.Http.SendAsync(start);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        await Poll.UntilAsync(
            () => SessionClient.GetViewAsync(host.Http, live),
            v => v.GetProperty("connection").GetProperty("lastSeq").GetInt64() >= 139,
            "the live session to apply the whole capture");
        using var stop = await host.Http.SendAsync(SessionClient.Request(HttpMethod.Post, $"/live-sim/sessions/{live.Id}/stop", live.Token));
        var liveView = await stop.Content.ReadFromJsonAsync<JsonElement>();

        var info = await UploadAsync();
        var replay = await SessionClient.CreateAsync(host.Http, $$"""{"source":{"recordingId":"{{info.GetProperty("recordingId").GetString()}}","speed":"max"},{{Strategy[1..]}}}""");
        var replayView = await Poll.UntilAsync(() => SessionClient.GetViewAsync(host.Http, replay), v => v.GetProperty("status").GetString() == "completed", "the replay to complete");

        Assert.Equal(3, liveView.GetProperty("stats").GetProperty("betsPlaced").GetInt64());
        Assert.Equal(1, liveView.GetProperty("stats").GetProperty("betsWon").GetInt64());
        Assert.Equal(0.1m - 0.006m + 0.010m, liveView.GetProperty("wallet").GetProperty("balance").GetDecimal());
        Assert.Equal(liveView.GetProperty("wallet").GetProperty("balance").GetDecimal(), replayView.GetProperty("wallet").GetProperty("balance").GetDecimal());
        Assert.Equal(liveView.GetProperty("stateHash").GetString(), replayView.GetProperty("stateHash").GetString());
        Assert.Equal(info.GetProperty("recordingId").GetString(), replayView.GetProperty("source").GetProperty("recordingId").GetString());

        // The feed recorded what it received live (RecordTo): that recording replays to the same state too.
        var recorded = await UploadAsync(await File.ReadAllTextAsync(host.ProviderRecording));
        var fromRecorded = await SessionClient.CreateAsync(host.Http, $$"""{"source":{"recordingId":"{{recorded.GetProperty("recordingId").GetString()}}","speed":"max"},{{Strategy[1..]}}}""");
        var recordedView = await Poll.UntilAsync(() => SessionClient.GetViewAsync(host.Http, fromRecorded), v => v.GetProperty("status").GetString() == "completed", "the replay of the live recording to complete");
        Assert.Equal(info.GetProperty("messages").GetInt64(), recorded.GetProperty("messages").GetInt64());
        Assert.Equal(liveView.GetProperty("stateHash").GetString(), recordedView.GetProperty("stateHash").GetString());
    }

    private async Task<JsonElement> UploadAsync(string? capture = null)
    {
        var body = capture ?? await File.ReadAllTextAsync(SharedData.CapturePath);
        using var response = await host.Http.PostAsync("/live-sim/recordings?name=capture", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"upload returned {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
