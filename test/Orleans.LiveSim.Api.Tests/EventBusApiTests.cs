using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Orleans.LiveSim.EventBus.Nats;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>Session events on NATS JetStream: every event once, in eventSeq order, in the SSE envelope; a bus that is down delivers its backlog when back.</summary>
public sealed class EventBusApiTests(BusHostFixture host) : IClassFixture<BusHostFixture>
{
    private const string Aggressive = """{"strategy":{"params":{"entryTick":1,"numBets":5,"cooldown":0,"betSizes":[0.001]}}}""";
    private static readonly TimeSpan BacklogDeadline = TimeSpan.FromSeconds(120);
    private static readonly string AllTypes = """{"events":["live_tick","game_started","game_ended","bet_placed","bet_settled","bet_skipped","feed_gap","session_stopped"]}""";

    [NatsFact]
    public async Task Bus_carries_every_event_of_a_session_once_in_eventSeq_order_as_the_published_envelope()
    {
        var session = await SessionClient.CreateAsync(host.Http, Aggressive);
        var from = (await PutBusAsync(session, AllTypes)).GetProperty("fromEventSeq").GetInt64();
        await Poll.UntilAsync(() => SessionClient.GetViewAsync(host.Http, session), v => v.GetProperty("stats").GetProperty("betsWon").GetInt64() + v.GetProperty("stats").GetProperty("betsLost").GetInt64() >= 2, "two settled bets");
        var final = await StopAsync(session);

        var view = await CaughtUpAsync(session, final.GetProperty("eventSeq").GetInt64());
        var messages = await NatsServer.ReadAllAsync(host.Nats.Url, BusHostFixture.Stream, $"livesim.anon.{session.Id}.*");
        var seqs = messages.Select(m => m.Event.GetProperty("eventSeq").GetInt64()).ToArray();
        Assert.True(seqs.SequenceEqual(Enumerable.Range((int)from, (int)(view.GetProperty("eventSeq").GetInt64() - from + 1)).Select(i => (long)i)), string.Join("\n", messages.Take(6).Select(m => $"{m.Subject} {m.MsgId} {m.Event.GetProperty("eventSeq")}")) + $" from {from} count {seqs.Length}");
        foreach (var (subject, msgId, e) in messages)
        {
            Assert.Equal($"livesim.anon.{session.Id}.{e.GetProperty("type").GetString()}", subject);
            Assert.Equal($"{session.Id}:{e.GetProperty("eventSeq").GetInt64()}", msgId);
            Assert.Equal(session.Id, e.GetProperty("sessionId").GetString());
            await EventSchemas.ValidateAsync(host.Http, e.GetRawText());
        }

        Assert.Equal("session_stopped", messages[^1].Event.GetProperty("type").GetString());
        Assert.Contains(messages, m => m.Event.GetProperty("type").GetString() == "bet_settled");
        var metrics = await host.Http.GetStringAsync("/metrics");
        Assert.Contains("livesim_bus_acked_total", metrics, StringComparison.Ordinal);
        Assert.Contains("livesim_bus_lag", metrics, StringComparison.Ordinal);
    }

    [NatsFact]
    public async Task A_session_created_with_bus_events_publishes_from_its_first_event_and_a_consumer_starts_at_any_eventSeq()
    {
        var withBus = Aggressive[..^1] + ",\"bus\":" + AllTypes + "}";
        var session = await SessionClient.CreateAsync(host.Http, withBus);
        // A second session on the stream at the same time, so the first one's messages are not contiguous in it.
        var other = await SessionClient.CreateAsync(host.Http, withBus);
        Assert.Equal(1, Bus(await SessionClient.GetViewAsync(host.Http, session)).GetProperty("fromEventSeq").GetInt64());
        await Poll.UntilAsync(() => SessionClient.GetViewAsync(host.Http, session), v => v.GetProperty("eventSeq").GetInt64() >= 40, "40 events of the session");
        var last = (await StopAsync(session)).GetProperty("eventSeq").GetInt64();
        await StopAsync(other);
        await CaughtUpAsync(session, last);

        var messages = await NatsServer.ReadAllAsync(host.Nats.Url, BusHostFixture.Stream, $"livesim.anon.{session.Id}.*");
        Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), messages.Select(m => m.Event.GetProperty("eventSeq").GetInt64()));
        await using var nats = new NatsConnection(NatsOpts.Default with { Url = host.Nats.Url });
        var js = new NatsJSContext(nats);
        var stream = await js.GetStreamAsync(BusHostFixture.Stream);
        foreach (var from in new[] { 1, 2, last / 2, last - 1, last })
        {
            var start = await EventSeqStart.FindAsync(stream, session.Id, from);
            var first = (await stream.GetAsync(new StreamMsgGetRequest { Seq = start })).Message;
            Assert.Equal((from, $"livesim.anon.{session.Id}"), (JsonDocument.Parse(first.Data).RootElement.GetProperty("eventSeq").GetInt64(), first.Subject[..first.Subject.LastIndexOf('.')]));
        }

        await stream.RefreshAsync();
        Assert.Equal(stream.Info.State.LastSeq + 1, await EventSeqStart.FindAsync(stream, session.Id, last + 1));

        // A consumer from the middle of the session reads the rest of its history, in order, to session_stopped.
        var consumer = await js.CreateOrUpdateConsumerAsync(BusHostFixture.Stream, new ConsumerConfig($"from-{Guid.NewGuid():N}")
        {
            FilterSubject = $"livesim.*.{session.Id}.*",
            DeliverPolicy = ConsumerConfigDeliverPolicy.ByStartSequence,
            OptStartSeq = await EventSeqStart.FindAsync(stream, session.Id, last / 2),
            AckPolicy = ConsumerConfigAckPolicy.None,
        });
        var read = new List<long>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var msg in consumer.ConsumeAsync<byte[]>(cancellationToken: timeout.Token))
        {
            var e = JsonDocument.Parse(msg.Data!).RootElement;
            read.Add(e.GetProperty("eventSeq").GetInt64());
            if (e.GetProperty("type").GetString() == "session_stopped")
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range((int)(last / 2), (int)(last - (last / 2) + 1)).Select(i => (long)i), read);
    }

    [NatsFact]
    public async Task A_bus_that_is_down_makes_the_session_lag_and_delivers_the_backlog_when_it_is_back()
    {
        var session = await SessionClient.CreateAsync(host.Http, Aggressive);
        var from = (await PutBusAsync(session, AllTypes)).GetProperty("fromEventSeq").GetInt64();
        // Publishing before the bus goes down. Not "nothing pending": a running session emits on every tick, and with
        // an acknowledgement always in flight a poll may never see its outbox empty.
        await Poll.UntilAsync(() => SessionClient.GetViewAsync(host.Http, session), v => Bus(v).GetProperty("ackedSeq").GetInt64() >= from, "the bus to acknowledge the session's first event");

        await host.Nats.StopAsync();
        // live_tick alone fills the 300-event outbox in seconds: the session then waits (bus_lag) instead of growing memory.
        var lagging = await Poll.UntilAsync(() => SessionClient.GetViewAsync(host.Http, session), v => Bus(v).GetProperty("state").GetString() == "bus_lag", "the session to report bus_lag while NATS is down");
        // Full means at least the limit: the entry that reached it keeps the rest of its events (a tick is applied whole,
        // and one entry makes at most a live_tick, a game's end and start and its bets' events).
        Assert.InRange(Bus(lagging).GetProperty("pending").GetInt32(), BusHostFixture.MaxPendingEvents, BusHostFixture.MaxPendingEvents + 10);

        await host.Nats.StartAgainAsync();
        var ahead = lagging.GetProperty("connection").GetProperty("lastSeq").GetInt64() + 100;
        // A session has one event in flight at a time, so its backlog drains at one acknowledgement round trip per
        // event, and the client first has to reconnect: on a loaded machine that takes far longer than the default wait.
        await Poll.UntilAsync(() => SessionClient.GetViewAsync(host.Http, session), v => v.GetProperty("connection").GetProperty("lastSeq").GetInt64() > ahead, BacklogDeadline, "the session to apply feed entries again once the bus is back");
        var final = await StopAsync(session);
        await CaughtUpAsync(session, final.GetProperty("eventSeq").GetInt64(), BacklogDeadline);

        var messages = await NatsServer.ReadAllAsync(host.Nats.Url, BusHostFixture.Stream, $"livesim.anon.{session.Id}.*");
        var seqs = messages.Select(m => m.Event.GetProperty("eventSeq").GetInt64()).ToArray();
        Assert.Equal(Enumerable.Range((int)from, (int)(final.GetProperty("eventSeq").GetInt64() - from + 1)).Select(i => (long)i), seqs);
        Assert.Equal(final.GetProperty("stats").GetProperty("ticksProcessed").GetInt64(), (await SessionClient.GetViewAsync(host.Http, session)).GetProperty("stats").GetProperty("ticksProcessed").GetInt64());
    }

    [NatsFact]
    public async Task Events_the_stream_already_holds_count_as_published_and_the_session_goes_on_past_them()
    {
        var session = await SessionClient.CreateAsync(host.Http, Aggressive);
        var from = (await PutBusAsync(session, AllTypes)).GetProperty("fromEventSeq").GetInt64();
        var at = Bus(await Poll.UntilAsync(() => SessionClient.GetViewAsync(host.Http, session), v => Bus(v).GetProperty("ackedSeq").GetInt64() >= from, "the bus to acknowledge the session's first event")).GetProperty("ackedSeq").GetInt64();

        // Events the session has not published yet are put in the stream under their Nats-Msg-Ids first, as when an
        // attempt whose acknowledgement timed out reached the stream after all: the session's own publishes of them are
        // then answered as duplicates. The session cannot be that far ahead: it holds at most MaxPendingEvents (300)
        // unacknowledged, and makes ~50 events a second on this feed.
        var ahead = Enumerable.Range(1, 40).Select(i => at + 600 + i).ToArray();
        await using (var nats = new NatsConnection(NatsOpts.Default with { Url = host.Nats.Url }))
        {
            var js = new NatsJSContext(nats);
            foreach (var seq in ahead)
            {
                var ack = await js.PublishAsync($"livesim.anon.{session.Id}.live_tick", Encoding.UTF8.GetBytes($$"""{"eventSeq":{{seq}}}"""), opts: new NatsJSPubOpts { MsgId = $"{session.Id}:{seq}" });
                Assert.False(ack.Duplicate, $"event {seq} was published by the session before the test could put it in the stream");
            }
        }

        await Poll.UntilAsync(() => SessionClient.GetViewAsync(host.Http, session), v => Bus(v).GetProperty("ackedSeq").GetInt64() > ahead[^1] + 20, BacklogDeadline, "the session's events to be acknowledged past the ones the stream already held");
        var final = await StopAsync(session);
        await CaughtUpAsync(session, final.GetProperty("eventSeq").GetInt64());
        var duplicates = MetricsText.Value(await host.Http.GetStringAsync("/metrics"), "livesim_bus_duplicates_total");
        Assert.True(duplicates >= ahead.Length, $"livesim_bus_duplicates_total {duplicates}");
    }

    [NatsFact]
    public async Task A_stream_deleted_under_a_running_session_is_set_up_again_and_takes_the_rest_in_order()
    {
        var session = await SessionClient.CreateAsync(host.Http, Aggressive);
        var from = (await PutBusAsync(session, AllTypes)).GetProperty("fromEventSeq").GetInt64();
        await Poll.UntilAsync(() => SessionClient.GetViewAsync(host.Http, session), v => Bus(v).GetProperty("ackedSeq").GetInt64() >= from, "the bus to acknowledge the session's first event");

        await NatsServer.DeleteStreamAsync(host.Nats.Url, BusHostFixture.Stream);
        var deletedAt = Bus(await SessionClient.GetViewAsync(host.Http, session)).GetProperty("ackedSeq").GetInt64();
        await Poll.UntilAsync(() => SessionClient.GetViewAsync(host.Http, session), v => Bus(v).GetProperty("ackedSeq").GetInt64() > deletedAt + 20, "the session's events to be acknowledged again by a stream set up anew");
        var final = await StopAsync(session);
        await CaughtUpAsync(session, final.GetProperty("eventSeq").GetInt64());

        // What the old stream held is gone with it; the new one holds the rest, each event once and in order, to the end.
        var seqs = (await NatsServer.ReadAllAsync(host.Nats.Url, BusHostFixture.Stream, $"livesim.anon.{session.Id}.*")).Select(m => m.Event.GetProperty("eventSeq").GetInt64()).ToArray();
        Assert.NotEmpty(seqs);
        Assert.InRange(seqs[0], from, deletedAt + 21);
        Assert.Equal(Enumerable.Range((int)seqs[0], (int)(final.GetProperty("eventSeq").GetInt64() - seqs[0] + 1)).Select(i => (long)i), seqs);
    }

    [NatsFact]
    public async Task Bus_is_chosen_per_session_by_event_type_and_refuses_unknown_types()
    {
        var session = await SessionClient.CreateAsync(host.Http, Aggressive);
        using var bad = await SendAsync(session, HttpMethod.Put, "bus", """{"events":["bet_placed","trade"]}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'trade'", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("events[1]")[0].GetString(), StringComparison.Ordinal);

        await PutBusAsync(session, """{"events":["bet_placed"]}""");
        await Poll.UntilAsync(() => SessionClient.GetViewAsync(host.Http, session), v => v.GetProperty("stats").GetProperty("betsPlaced").GetInt64() >= 2, "two bets placed");
        var final = await StopAsync(session);
        await Poll.UntilAsync(() => SessionClient.GetViewAsync(host.Http, session), v => Bus(v).GetProperty("pending").GetInt32() == 0, "the bus outbox to drain");

        var messages = await NatsServer.ReadAllAsync(host.Nats.Url, BusHostFixture.Stream, $"livesim.anon.{session.Id}.*");
        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.Equal("bet_placed", m.Event.GetProperty("type").GetString()));
        Assert.True(messages.Count <= final.GetProperty("stats").GetProperty("betsPlaced").GetInt64());

        using var off = await SendAsync(session, HttpMethod.Put, "bus", """{"events":[]}""");
        Assert.Equal(HttpStatusCode.NoContent, off.StatusCode);
        Assert.False((await SessionClient.GetViewAsync(host.Http, session)).TryGetProperty("bus", out var bus) && bus.ValueKind != JsonValueKind.Null);
    }

    [NatsFact]
    public async Task Webhook_posts_signed_events_in_order_and_retries_until_success_without_following_redirects()
    {
        const string Secret = "a-webhook-secret-of-ours";
        await using var receiver = await WebhookReceiver.StartAsync(302, 503);
        var session = await SessionClient.CreateAsync(host.Http, Aggressive);
        using var created = await SendAsync(session, HttpMethod.Post, "webhooks", $$"""{"url":"{{receiver.Url}}","events":["bet_placed","bet_settled"],"secret":"{{Secret}}"}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var webhook = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(webhook.TryGetProperty("secret", out _));
        var webhookId = webhook.GetProperty("id").GetString()!;

        await Poll.UntilAsync(() => Task.FromResult(receiver.Requests.Select(r => r.EventId).Distinct().Count()), n => n >= 4, "four distinct events at the webhook");
        var requests = receiver.Requests.Where(r => r.Path == "/hook").ToArray();
        foreach (var r in requests)
        {
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), r.Body));
            Assert.Equal(expected, r.Signature);
            var e = JsonDocument.Parse(r.Body).RootElement;
            Assert.Equal($"{session.Id}:{e.GetProperty("eventSeq").GetInt64()}", r.EventId);
            Assert.Contains(e.GetProperty("type").GetString(), new[] { "bet_placed", "bet_settled" });
            await EventSchemas.ValidateAsync(host.Http, Encoding.UTF8.GetString(r.Body));
        }

        // The first event: a redirect (not followed), a 503, then 200 on the third attempt, and no attempt after that.
        var first = requests[0].EventId;
        Assert.Equal(["1", "2", "3"], requests.Where(r => r.EventId == first).Select(r => r.Attempt));
        Assert.DoesNotContain(receiver.Requests, r => r.Path == "/elsewhere");
        var order = requests.Select(r => long.Parse(r.EventId.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToArray();
        Assert.Equal(order.Order(), order);

        var deliveries = await Poll.UntilAsync(
            () => GetJsonAsync(session, $"webhooks/{webhookId}/deliveries"),
            d => d.GetArrayLength() >= 4 && d[0].GetProperty("state").GetString() == "delivered",
            "the delivery log to show the first event delivered");
        Assert.Equal(3, deliveries[0].GetProperty("attempts").GetInt32());
        Assert.Equal(200, deliveries[0].GetProperty("lastStatus").GetInt32());

        using var removed = await SendAsync(session, HttpMethod.Delete, $"webhooks/{webhookId}", null);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(0, (await GetJsonAsync(session, "webhooks")).GetArrayLength());
        await StopAsync(session);
    }

    [NatsFact]
    public async Task Webhook_that_keeps_failing_is_given_up_after_its_attempts_and_logged()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500, 500, 500, 500);
        var session = await SessionClient.CreateAsync(host.Http, Aggressive);
        using var created = await SendAsync(session, HttpMethod.Post, "webhooks", $$"""{"url":"{{receiver.Url}}","events":["bet_placed"],"secret":"0123456789abcdef"}""");
        var webhookId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var deliveries = await Poll.UntilAsync(
            () => GetJsonAsync(session, $"webhooks/{webhookId}/deliveries"),
            d => d.GetArrayLength() >= 2 && d[0].GetProperty("state").GetString() == "failed" && d[1].GetProperty("state").GetString() == "delivered",
            "the first event given up and the next one delivered");
        Assert.Equal(4, deliveries[0].GetProperty("attempts").GetInt32());
        Assert.Equal(500, deliveries[0].GetProperty("lastStatus").GetInt32());
        Assert.Equal(4, receiver.Requests.Count(r => r.EventId == receiver.Requests.First().EventId));
        await StopAsync(session);
    }

    [NatsTheory]
    [InlineData("http://localhost:9/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://192.168.0.10/hook")]
    [InlineData("http://172.16.5.5/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]:9/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://100.64.0.1/hook")]
    [InlineData("ftp://127.0.0.1/hook")]
    [InlineData("not a url")]
    public async Task Webhook_urls_to_private_loopback_or_link_local_addresses_are_refused_naming_url(string url)
    {
        var session = await SessionClient.CreateAsync(host.Http, Aggressive);
        using var response = await SendAsync(session, HttpMethod.Post, "webhooks", JsonSerializer.Serialize(new { url, events = new[] { "bet_placed" }, secret = "0123456789abcdef" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _), problem.GetRawText());
        Assert.Equal(0, (await GetJsonAsync(session, "webhooks")).GetArrayLength());
        await StopAsync(session);
    }

    [NatsFact]
    public async Task Webhooks_need_the_session_token()
    {
        var session = await SessionClient.CreateAsync(host.Http, Aggressive);
        var stranger = session with { Token = "not-the-token" };
        using var add = await SendAsync(stranger, HttpMethod.Post, "webhooks", """{"url":"http://127.0.0.1:9/hook","events":["bet_placed"],"secret":"0123456789abcdef"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, add.StatusCode);
        using var bus = await SendAsync(stranger, HttpMethod.Put, "bus", """{"events":["bet_placed"]}""");
        Assert.Equal(HttpStatusCode.Unauthorized, bus.StatusCode);
        using var log = await SendAsync(session, HttpMethod.Get, "webhooks/nope/deliveries", null);
        Assert.Equal(HttpStatusCode.NotFound, log.StatusCode);
        await StopAsync(session);
    }

    private static JsonElement Bus(JsonElement view) => view.GetProperty("bus");

    private async Task<JsonElement> PutBusAsync(CreatedSession session, string body)
    {
        using var response = await SendAsync(session, HttpMethod.Put, "bus", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT bus returned {(int)response.StatusCode}: {json}");
        return json;
    }

    private async Task<JsonElement> StopAsync(CreatedSession session)
    {
        using var response = await host.Http.SendAsync(SessionClient.Request(HttpMethod.Post, $"/live-sim/sessions/{session.Id}/stop", session.Token));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Waits until the bus acknowledged everything up to <paramref name="eventSeq"/>.</summary>
    private Task<JsonElement> CaughtUpAsync(CreatedSession session, long eventSeq, TimeSpan? deadline = null) =>
        Poll.UntilAsync(
            () => SessionClient.GetViewAsync(host.Http, session),
            v => Bus(v).GetProperty("ackedSeq").GetInt64() >= eventSeq && Bus(v).GetProperty("pending").GetInt32() == 0,
            deadline ?? TimeSpan.FromSeconds(30),
            $"the bus to acknowledge every event up to {eventSeq}");

    private async Task<JsonElement> GetJsonAsync(CreatedSession session, string path)
    {
        using var response = await SendAsync(session, HttpMethod.Get, path, null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> SendAsync(CreatedSession session, HttpMethod method, string path, string? body)
    {
        var request = SessionClient.Request(method, $"/live-sim/sessions/{session.Id}/{path}", session.Token);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return host.Http.SendAsync(request);
    }
}
