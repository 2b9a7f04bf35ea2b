using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Grains.Feeds;
using Orleans.LiveSim.Grains.Sessions;

namespace Orleans.LiveSim.Grains.Tests;

public sealed class SessionInboxTests
{
    private readonly FeedBatchRing _ring = new();
    [Fact]
    public void Batches_posted_before_the_drain_runs_share_one_work_item_and_come_out_in_order()
    {
        var scheduler = new ManualScheduler();
        var taken = new List<long>();
        var inbox = Draining(scheduler, taken);

        Post(inbox, Batch(1));
        Post(inbox, Batch(2));
        Post(inbox, Batch(3));

        Assert.Equal(1, scheduler.Queued);
        scheduler.RunAll();
        Assert.Equal([1L, 2L, 3L], taken);
        Assert.False(inbox.HasBatches);
    }

    [Fact]
    public void A_post_after_the_drain_ran_queues_a_new_work_item()
    {
        var scheduler = new ManualScheduler();
        var inbox = new SessionInbox(scheduler, _ring, () => { });

        Post(inbox, Batch(1));
        scheduler.RunAll();
        Post(inbox, Batch(2));

        Assert.Equal(1, scheduler.Queued);
    }

    [Fact]
    public void Batches_left_by_a_busy_grain_are_drained_again_only_when_it_asks()
    {
        var scheduler = new ManualScheduler();
        var busy = true;
        var taken = new List<long>();
        SessionInbox inbox = null!;
        inbox = new SessionInbox(scheduler, _ring, () =>
        {
            while (!busy && inbox.Take() is { } batch)
            {
                taken.Add(batch.FirstSeq);
            }
        });

        Post(inbox, Batch(1));
        scheduler.RunAll();
        Assert.Empty(taken);
        Assert.True(inbox.HasBatches);
        Assert.Equal(0, scheduler.Queued);

        busy = false;
        inbox.Schedule();
        inbox.Schedule();
        Assert.Equal(1, scheduler.Queued);
        scheduler.RunAll();
        Assert.Equal([1L], taken);
    }

    [Fact]
    public void A_session_that_falls_further_behind_than_the_capacity_keeps_the_newest_batches()
    {
        var scheduler = new ManualScheduler();
        var taken = new List<long>();
        var inbox = Draining(scheduler, taken);

        for (var seq = 1; seq <= FeedBatchRing.Capacity + 10; seq++)
        {
            Post(inbox, Batch(seq));
        }

        scheduler.RunAll();
        // The first ten are dropped: the session reads them back from the journal as a hole before batch 11.
        Assert.Equal(FeedBatchRing.Capacity, taken.Count);
        Assert.Equal(11L, taken[0]);
        Assert.Equal(FeedBatchRing.Capacity + 10L, taken[^1]);
    }

    [Fact]
    public void An_inbox_starts_after_the_batches_published_before_it()
    {
        _ring.Publish(Batch(1));
        _ring.Publish(Batch(2));
        var scheduler = new ManualScheduler();
        var taken = new List<long>();
        var inbox = Draining(scheduler, taken);

        Assert.False(inbox.HasBatches);
        Post(inbox, Batch(3));
        scheduler.RunAll();
        Assert.Equal([3L], taken);
    }

    [Fact]
    public void The_ring_returns_a_batch_by_its_position_until_it_is_overwritten()
    {
        var first = _ring.Publish(Batch(1));
        Assert.Equal(1L, _ring.At(first)!.FirstSeq);
        Assert.Null(_ring.At(first + 1));

        for (var seq = 2; seq <= FeedBatchRing.Capacity; seq++)
        {
            _ring.Publish(Batch(seq));
        }

        Assert.Equal(1L, _ring.At(first)!.FirstSeq);
        Assert.Equal(first + 1, _ring.Next(first));
        _ring.Publish(Batch(FeedBatchRing.Capacity + 1));
        Assert.Null(_ring.At(first));
        Assert.Equal(2L, _ring.Next(0));
        Assert.Equal(FeedBatchRing.Capacity + 1L, _ring.At(_ring.Published)!.FirstSeq);
    }

    /// <summary>Publishes <paramref name="batch"/> in the feed's ring and posts its position, as the fan-out does.</summary>
    private void Post(SessionInbox inbox, FeedBatch batch) => inbox.Post(_ring.Publish(batch));

    /// <summary>An inbox whose drain takes every waiting batch, noting its first seq.</summary>
    private SessionInbox Draining(ManualScheduler scheduler, List<long> taken)
    {
        SessionInbox inbox = null!;
        inbox = new SessionInbox(scheduler, _ring, () =>
        {
            while (inbox.Take() is { } batch)
            {
                taken.Add(batch.FirstSeq);
            }
        });
        return inbox;
    }

    private static FeedBatch Batch(long seq) =>
        new("feed", [new FeedTick("feed", seq, "20260101-0000000000000001", (int)seq, 1m, GamePhase.Active, true, false, DateTimeOffset.UnixEpoch)]);

    /// <summary>Runs queued work items when the test says so, on the test's thread.</summary>
    private sealed class ManualScheduler : IWorkItemScheduler
    {
        private readonly Queue<Action> _items = new();

        public int Queued => _items.Count;

        public void QueueAction(Action action) => _items.Enqueue(action);

        public void QueueAction(Action<object> action, object state) => _items.Enqueue(() => action(state));

        public void QueueTask(Task task) => throw new NotSupportedException();

        public void RunAll()
        {
            while (_items.TryDequeue(out var item))
            {
                item();
            }
        }
    }
}
