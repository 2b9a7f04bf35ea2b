using Microsoft.Extensions.Time.Testing;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Grains.Sessions;

namespace Orleans.LiveSim.Grains.Tests;

/// <summary>The outbox's leases and retention, on a fake clock: each boundary is tested to the tick.</summary>
public sealed class SessionOutboxTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_unwatched_session_retains_nothing_and_a_resume_across_it_is_incomplete()
    {
        var outbox = NewOutbox(1024);

        Assert.False(outbox.Retaining);
        outbox.Add(Event(1));
        outbox.Flush();

        var (events, complete) = outbox.After(0);
        Assert.Empty(events);
        Assert.False(complete);
    }

    [Fact]
    public void A_watcher_gets_each_event_once_and_can_resume_within_a_lease_after_leaving()
    {
        var outbox = NewOutbox(1024);
        var room = new Room();
        outbox.Watch(room);
        outbox.Add(Event(1));
        outbox.Add(Event(2));
        outbox.Flush();
        outbox.Unwatch(room);

        Assert.True(outbox.Retaining);
        outbox.Add(Event(3));
        _time.Advance(Lease);
        outbox.Flush();

        Assert.Equal([1L, 2L], room.Received);
        var (events, complete) = outbox.After(1);
        Assert.Equal([2L, 3L], events.Select(e => e.EventSeq));
        Assert.True(complete);
    }

    [Fact]
    public void Events_are_dropped_once_nobody_has_watched_for_a_lease_and_older_resumes_resync()
    {
        var outbox = NewOutbox(1024);
        var room = new Room();
        outbox.Watch(room);
        outbox.Add(Event(1));
        outbox.Flush();
        outbox.Unwatch(room);

        // Retained for two leases after the last watch: still there at the boundary, gone one tick later.
        _time.Advance(Lease + Lease);
        outbox.Flush();
        Assert.True(outbox.Retaining);
        _time.Advance(TimeSpan.FromTicks(1));
        outbox.Flush();

        Assert.False(outbox.Retaining);
        Assert.Empty(outbox.After(0).Events);
        Assert.False(outbox.After(0).Complete);
        Assert.True(outbox.After(1).Complete);
    }

    [Fact]
    public void A_room_that_does_not_renew_its_lease_stops_receiving_one_tick_after_it_expires()
    {
        var outbox = NewOutbox(1024);
        var stale = new Room();
        var renewing = new Room();
        outbox.Watch(stale);
        outbox.Watch(renewing);

        _time.Advance(Lease);
        outbox.Watch(renewing);
        outbox.Add(Event(1));
        outbox.Flush();

        _time.Advance(TimeSpan.FromTicks(1));
        outbox.Add(Event(2));
        outbox.Flush();

        Assert.Equal([1L], stale.Received);
        Assert.Equal([1L, 2L], renewing.Received);
    }

    [Fact]
    public void Rooms_come_and_go_independently_and_a_renewal_does_not_make_a_second_watch()
    {
        var outbox = NewOutbox(1024);
        var (first, second, third) = (new Room(), new Room(), new Room());
        outbox.Watch(first);
        outbox.Watch(second);
        outbox.Watch(third);
        outbox.Watch(second);
        outbox.Add(Event(1));
        outbox.Flush();

        outbox.Unwatch(second);
        outbox.Add(Event(2));
        outbox.Flush();
        outbox.Unwatch(first);
        outbox.Unwatch(first);
        outbox.Add(Event(3));
        outbox.Flush();

        Assert.Equal([1L, 2L], first.Received);
        Assert.Equal([1L], second.Received);
        Assert.Equal([1L, 2L, 3L], third.Received);
        outbox.Unwatch(third);
        Assert.False(outbox.Watched);
    }

    [Fact]
    public void A_room_that_cannot_be_called_is_forgotten_and_the_others_still_get_every_event()
    {
        var outbox = NewOutbox(1024);
        var before = new Room();
        var broken = new BrokenRoom();
        var after = new Room();
        outbox.Watch(before);
        outbox.Watch(broken);
        outbox.Watch(after);

        outbox.Add(Event(1));
        outbox.Flush();
        outbox.Add(Event(2));
        outbox.Flush();

        Assert.Equal(1, broken.Calls);
        Assert.Equal([1L, 2L], before.Received);
        Assert.Equal([1L, 2L], after.Received);
    }

    [Fact]
    public void The_buffer_is_bounded_and_a_resume_older_than_it_is_incomplete()
    {
        var outbox = NewOutbox(3);
        outbox.Watch(new Room());
        for (var i = 1; i <= 5; i++)
        {
            outbox.Add(Event(i));
        }

        Assert.Equal([3L, 4L, 5L], outbox.After(0).Events.Select(e => e.EventSeq));
        Assert.False(outbox.After(1).Complete);
        Assert.True(outbox.After(2).Complete);
    }

    [Fact]
    public void The_buffer_is_bounded_by_bytes_too_and_a_resume_older_than_they_hold_is_incomplete()
    {
        var outbox = NewOutbox(1024, capacityBytes: 2 * Event(1).Utf8.Length);
        outbox.Watch(new Room());
        for (var i = 1; i <= 5; i++)
        {
            outbox.Add(Event(i));
        }

        Assert.Equal([4L, 5L], outbox.After(0).Events.Select(e => e.EventSeq));
        Assert.Equal(Event(5).Json, outbox.After(4).Events.Single().Json);
        Assert.False(outbox.After(2).Complete);
        Assert.True(outbox.After(3).Complete);
    }

    private SessionOutbox NewOutbox(int capacity, int capacityBytes = 1 << 20) => new(capacity, capacityBytes, Lease, _time);

    private static SessionEventEnvelope Event(long seq) => new(seq, "live_tick", $$"""{"eventSeq":{{seq}}}""");

    private sealed class Room : ISessionObserver
    {
        public List<long> Received { get; } = [];

        public Task OnEventsAsync(IReadOnlyList<SessionEventEnvelope> events)
        {
            Received.AddRange(events.Select(e => e.EventSeq));
            return Task.CompletedTask;
        }
    }

    private sealed class BrokenRoom : ISessionObserver
    {
        public int Calls { get; private set; }

        public Task OnEventsAsync(IReadOnlyList<SessionEventEnvelope> events)
        {
            Calls++;
            throw new InvalidOperationException("this room cannot be called");
        }
    }
}
