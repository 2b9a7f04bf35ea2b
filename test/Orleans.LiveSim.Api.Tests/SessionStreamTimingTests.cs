using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.LiveSim.Abstractions.Events;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Api.Tests.Contracts;
using Orleans.LiveSim.Silo.Delivery;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>A client's stream on a fake clock: keep-alives come exactly <see cref="SessionEventReader.KeepAlive"/> after the last item.</summary>
public sealed class SessionStreamTimingTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_quiet_stream_gets_a_keepalive_exactly_15_s_after_its_last_item_and_events_in_between_restart_the_wait()
    {
        var reader = new SessionEventReader(new SessionRooms(null!, NullLogger<SessionRooms>.Instance, _time), HostJson.Options, _time);
        var room = new SessionRoom("s", Caller.WithToken("h"), null!);
        var client = new RoomClient(16);
        room.Add(client);
        using var stop = new CancellationTokenSource();
        await using var items = reader.ReadAsync(room, client, new WatchReply(SessionAccess.Ok, GoldenView.Of(_time), [], true), -1, stop.Token).GetAsyncEnumerator();

        Assert.True(await items.MoveNextAsync());
        Assert.Equal(SessionEventTypes.Snapshot, items.Current.Type);

        // The wait is on the clock once MoveNextAsync returns: nothing but the clock or an event can end it.
        var next = items.MoveNextAsync();
        _time.Advance(SessionEventReader.KeepAlive - TimeSpan.FromTicks(1));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.True(await next);
        Assert.Equal(SessionEventTypes.KeepAlive, items.Current.Type);

        next = items.MoveNextAsync();
        _time.Advance(TimeSpan.FromSeconds(10));
        client.Offer(new SessionEventEnvelope(1, SessionEventTypes.GameStarted, "{}"));
        Assert.True(await next);
        Assert.Equal((SessionEventTypes.GameStarted, 1L), (items.Current.Type, items.Current.Id!.Value));

        next = items.MoveNextAsync();
        _time.Advance(SessionEventReader.KeepAlive - TimeSpan.FromTicks(1));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.True(await next);
        Assert.Equal(SessionEventTypes.KeepAlive, items.Current.Type);

        await stop.CancelAsync();
        Assert.False(await items.MoveNextAsync());
    }
}
