using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>Resume ids the session cannot honour get a fresh snapshot (<c>resync</c>) at once, never silence.</summary>
[Collection(HostCollection.Name)]
public sealed class ResumeTests(HostFixture host)
{
    private HttpClient Http => host.Http;

    [Fact]
    public async Task A_Last_Event_ID_ahead_of_the_session_gets_a_resync_snapshot_at_once_and_then_the_live_events()
    {
        var s = await SessionClient.CreateAsync(Http);
        var ahead = (s.View.GetProperty("eventSeq").GetInt64() + 1_000_000).ToString(CultureInfo.InvariantCulture);

        var items = await SessionClient.ReadStreamAsync(Http, s, 1, i => i.EventType == "live_tick", lastEventId: ahead);

        Assert.Equal("resync", items[0].EventType);
        var resync = long.Parse(items[0].EventId!, CultureInfo.InvariantCulture);
        Assert.True(resync < long.Parse(ahead, CultureInfo.InvariantCulture));
        Assert.Equal(resync + 1, long.Parse(items.First(i => i.EventType != "keepalive" && i.EventType != "resync").EventId!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_Last_Event_ID_from_before_the_oldest_kept_event_gets_a_resync_snapshot_at_once()
    {
        // Nobody watches this session, so it keeps none of its events: a resume from 1 cannot be served from what it kept.
        var s = await SessionClient.CreateAsync(Http);
        await Poll.UntilAsync(() => SessionClient.GetViewAsync(Http, s), v => v.GetProperty("eventSeq").GetInt64() >= 5, "five events");

        var items = await SessionClient.ReadStreamAsync(Http, s, 1, _ => true, lastEventId: "1");

        Assert.Equal("resync", items[0].EventType);
        Assert.True(long.Parse(items[0].EventId!, CultureInfo.InvariantCulture) >= 5);
    }

    [Fact]
    public async Task A_WebSocket_lastEventId_ahead_of_the_session_gets_a_resync_snapshot_as_its_first_frame()
    {
        var s = await SessionClient.CreateAsync(Http);
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(new Uri($"ws://{host.BaseAddress.Authority}/live-sim/sessions/{s.Id}/ws?access_token={s.Token}&lastEventId=999999999"), timeout.Token);
        var buffer = new byte[1 << 20];

        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        var first = JsonDocument.Parse(buffer.AsMemory(0, result.Count)).RootElement;

        Assert.Equal("resync", first.GetProperty("type").GetString());
        Assert.Equal(s.Id, first.GetProperty("sessionId").GetString());
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
    }
}
