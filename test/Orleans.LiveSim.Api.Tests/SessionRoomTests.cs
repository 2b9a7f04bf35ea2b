using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Silo.Delivery;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>The fan-out of one session's events to the clients of a front silo (no grain needed: the room is plain code).</summary>
public sealed class SessionRoomTests
{
    [Fact]
    public async Task Every_client_gets_every_event_once_in_order()
    {
        var room = new SessionRoom("s", Caller.WithToken("h"), null!);
        var a = new RoomClient(64);
        var b = new RoomClient(64);
        room.Add(a);
        room.Add(b);
        room.Seed(0);

        await room.OnEventsAsync([Event(1), Event(2)]);
        await room.OnEventsAsync([Event(2), Event(3)]);

        Assert.Equal([1L, 2L, 3L], Drain(a));
        Assert.Equal([1L, 2L, 3L], Drain(b));
        Assert.False(a.NeedsResync || b.NeedsResync);
    }

    [Fact]
    public async Task A_client_that_cannot_keep_up_is_marked_lagged_and_the_others_lose_nothing()
    {
        var room = new SessionRoom("s", Caller.WithToken("h"), null!);
        var slow = new RoomClient(4);
        var fast = new RoomClient(64);
        room.Add(slow);
        room.Add(fast);
        room.Seed(0);

        await room.OnEventsAsync(Enumerable.Range(1, 10).Select(i => Event(i)).ToArray());

        Assert.True(slow.Lagged);
        Assert.False(fast.Lagged);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), Drain(fast));
        slow.ResetLag();
        Assert.False(slow.Lagged);
        Assert.Empty(Drain(slow));
    }

    [Fact]
    public void A_hole_in_event_seq_tells_every_client_to_resync()
    {
        var room = new SessionRoom("s", Caller.WithToken("h"), null!);
        var client = new RoomClient(64);
        room.Add(client);
        room.Seed(5);

        var hole = room.Deliver([Event(6), Event(9)], complete: true);

        Assert.True(hole);
        Assert.True(client.NeedsResync);
        Assert.Equal([6L, 9L], Drain(client));
    }

    private static SessionEventEnvelope Event(long seq) => new(seq, "live_tick", "{}");

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
