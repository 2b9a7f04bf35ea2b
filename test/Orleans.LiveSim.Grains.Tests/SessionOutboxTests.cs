using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Grains.Sessions;

namespace Orleans.LiveSim.Grains.Tests;

public sealed class SessionOutboxTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_unwatched_session_retains_nothing_and_a_resume_across_it_is_incomplete()
    {
        var outbox = new SessionOutbox(1024, Lease);

        Assert.False(outbox.Retaining);
        outbox.Add(Event(1));
        outbox.Flush(T0);

        var (events, complete) = outbox.After(0);
        Assert.Empty(events);
        Assert.False(complete);
    }

    [Fact]
    public void A_watcher_gets_each_event_once_and_can_resume_within_a_lease_after_leaving()
    {
        var outbox = new SessionOutbox(1024, Lease);
        var room = new Room();
        outbox.Watch(room, T0);
        outbox.Add(Event(1));
        outbox.Add(Event(2));
        outbox.Flush(T0);
        outbox.Unwatch(room);

        Assert.True(outbox.Retaining);
        outbox.Add(Event(3));
        outbox.Flush(T0 + Lease);

        Assert.Equal([1L, 2L], room.Received);
        var (events, complete) = outbox.After(1);
        Assert.Equal([2L, 3L], events.Select(e => e.EventSeq));
        Assert.True(complete);
    }

    [Fact]
    public void Events_are_dropped_once_nobody_has_watched_for_a_lease_and_older_resumes_resync()
    {
        var outbox = new SessionOutbox(1024, Lease);
        var room = new Room();
        outbox.Watch(room, T0);
        outbox.Add(Event(1));
        outbox.Flush(T0);
        outbox.Unwatch(room);

        outbox.Flush(T0 + Lease + Lease + TimeSpan.FromSeconds(1));

        Assert.False(outbox.Retaining);
        Assert.Empty(outbox.After(0).Events);
        Assert.False(outbox.After(0).Complete);
        Assert.True(outbox.After(1).Complete);
    }

    [Fact]
    public void The_buffer_is_bounded_and_a_resume_older_than_it_is_incomplete()
    {
        var outbox = new SessionOutbox(3, Lease);
        outbox.Watch(new Room(), T0);
        for (var i = 1; i <= 5; i++)
        {
            outbox.Add(Event(i));
        }

        Assert.Equal([3L, 4L, 5L], outbox.After(0).Events.Select(e => e.EventSeq));
        Assert.False(outbox.After(1).Complete);
        Assert.True(outbox.After(2).Complete);
    }

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
}
