using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.LiveSim.Abstractions.Events;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Api.Tests.Contracts;
using Orleans.LiveSim.Silo.Delivery;
using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>
/// What a front silo's client reader sends: the session's own bytes (one serialization per event, however many
/// clients), queued events in order, a resync once a client fell behind, and keep-alives from one timer per client.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ClientDeliveryTests(HostFixture host)
{
    private static readonly TimeSpan KeepAlive = SessionEventReader.KeepAlive;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 21, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Events_queued_behind_a_client_are_sent_in_order_as_the_very_bytes_the_session_wrote_to_every_client()
    {
        var rooms = new SessionRooms(null!, NullLogger<SessionRooms>.Instance, _time);
        var reader = new SessionEventReader(rooms, HostJson.Options, _time);
        var room = new SessionRoom("s", Caller.WithToken("h"), null!);
        var (a, b) = (new RoomClient(16), new RoomClient(16));
        room.Add(a);
        room.Add(b);
        var reply = new WatchReply(SessionAccess.Ok, GoldenView.Of(_time), [], true);
        using var stop = new CancellationTokenSource();
        await using var readA = reader.ReadAsync(room, a, reply, -1, stop.Token).GetAsyncEnumerator();
        await using var readB = reader.ReadAsync(room, b, reply, -1, stop.Token).GetAsyncEnumerator();
        Assert.True(await readA.MoveNextAsync());
        Assert.True(await readB.MoveNextAsync());
        Assert.Equal((SessionEventTypes.Snapshot, 0L), (readA.Current.Type, readA.Current.Id!.Value));
        room.Seed(0);

        // Three events reach the room before either client reads on: each client then sends all three, in order.
        var events = Enumerable.Range(1, 3).Select(i => SessionEventJson.Event(SessionEventTypes.GameStarted, "s", i, 100 + i, new GameStartedBody($"g{i}"))).ToArray();
        await room.OnEventsAsync(events);

        foreach (var read in new[] { readA, readB })
        {
            foreach (var e in events)
            {
                Assert.True(await read.MoveNextAsync());
                Assert.Equal((e.Type, e.EventSeq), (read.Current.Type, read.Current.Id!.Value));
                Assert.True(MemoryMarshal.TryGetArray(read.Current.Utf8, out var sent));
                Assert.Same(e.Utf8, sent.Array);
                Assert.Equal(e.Utf8.Length, sent.Count);
            }
        }

        await stop.CancelAsync();
    }

    [Fact]
    public async Task A_client_whose_queue_overflowed_gets_a_resync_snapshot_of_the_session_and_then_its_next_events()
    {
        var s = await SessionClient.CreateAsync(host.Http);
        var rooms = host.App.Services.GetRequiredService<SessionRooms>();
        var reader = host.App.Services.GetRequiredService<SessionEventReader>();
        var (reply, room, client) = await rooms.JoinAsync(s.Id, Caller.WithToken(AccessTokens.Hash(s.Token)), -1);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var items = reader.ReadAsync(room!, client!, reply, -1, stop.Token).GetAsyncEnumerator();
        Assert.True(await items.MoveNextAsync());
        Assert.Equal(SessionEventTypes.Snapshot, items.Current.Type);

        // A client that stops reading: more arrives than its queue holds (here beside the session's own live events).
        for (var i = 1; i <= SessionRooms.ClientQueueCapacity + 1; i++)
        {
            client!.Offer(new SessionEventEnvelope(long.MaxValue - i, SessionEventTypes.LiveTick, "{}"));
        }

        Assert.True(client!.Lagged);
        Assert.True(await items.MoveNextAsync());
        Assert.Equal(SessionEventTypes.Resync, items.Current.Type);
        var resync = items.Current.Id!.Value;
        Assert.Equal(s.Id, System.Text.Json.JsonDocument.Parse(items.Current.Utf8).RootElement.GetProperty("sessionId").GetString());
        Assert.False(client.Lagged);

        do
        {
            Assert.True(await items.MoveNextAsync());
        }
        while (items.Current.Type == SessionEventTypes.KeepAlive);

        Assert.Equal(resync + 1, items.Current.Id);
        await stop.CancelAsync();
    }

    [Fact]
    public void A_quiet_client_is_woken_once_a_period_after_its_last_item_and_never_when_busy()
    {
        var client = new RoomClient(2);
        client.StartKeepAlive(_time, KeepAlive);

        _time.Advance(KeepAlive - TimeSpan.FromTicks(1));
        Assert.False(client.Reader.TryRead(out _));
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.True(client.Reader.TryRead(out var signal));
        Assert.Same(RoomClient.QuietSignal, signal);
        Assert.True(client.Quiet);

        client.MarkSent();
        Assert.False(client.Quiet);
        _time.Advance(TimeSpan.FromSeconds(10));
        client.MarkSent();
        _time.Advance(KeepAlive - TimeSpan.FromTicks(1));
        Assert.False(client.Reader.TryRead(out _));
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Same(RoomClient.QuietSignal, client.Reader.TryRead(out signal) ? signal : null);

        // A full queue needs no wake-up, and the timer's signal must not make a client that keeps up look lagged.
        client.Offer(new SessionEventEnvelope(1, SessionEventTypes.LiveTick, "{}"));
        client.Offer(new SessionEventEnvelope(2, SessionEventTypes.LiveTick, "{}"));
        _time.Advance(KeepAlive);
        Assert.False(client.Lagged);
        Assert.Equal([1L, 2L], Drain(client));
        client.Close();
    }

    private static List<long> Drain(RoomClient client)
    {
        var seqs = new List<long>();
        while (client.Reader.TryRead(out var e))
        {
            seqs.Add(e.EventSeq);
        }

        return seqs;
    }
}
