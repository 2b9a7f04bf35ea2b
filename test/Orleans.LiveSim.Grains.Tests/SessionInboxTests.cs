using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Grains.Sessions;

namespace Orleans.LiveSim.Grains.Tests;

public sealed class SessionInboxTests
{
    [Fact]
    public void Batches_posted_before_the_drain_runs_share_one_work_item_and_come_out_in_order()
    {
        var scheduler = new ManualScheduler();
        var taken = new List<long>();
        var inbox = Draining(scheduler, taken);

        inbox.Post(Batch(1));
        inbox.Post(Batch(2));
        inbox.Post(Batch(3));

        Assert.Equal(1, scheduler.Queued);
        scheduler.RunAll();
        Assert.Equal([1L, 2L, 3L], taken);
        Assert.False(inbox.HasBatches);
    }

    [Fact]
    public void A_post_after_the_drain_ran_queues_a_new_work_item()
    {
        var scheduler = new ManualScheduler();
        var inbox = new SessionInbox(scheduler, () => { });

        inbox.Post(Batch(1));
        scheduler.RunAll();
        inbox.Post(Batch(2));

        Assert.Equal(1, scheduler.Queued);
    }

    [Fact]
    public void Batches_left_by_a_busy_grain_are_drained_again_only_when_it_asks()
    {
        var scheduler = new ManualScheduler();
        var busy = true;
        var taken = new List<long>();
        SessionInbox inbox = null!;
        inbox = new SessionInbox(scheduler, () =>
        {
            while (!busy && inbox.Take() is { } batch)
            {
                taken.Add(batch.FirstSeq);
            }
        });

        inbox.Post(Batch(1));
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

        for (var seq = 1; seq <= SessionInbox.Capacity + 10; seq++)
        {
            inbox.Post(Batch(seq));
        }

        scheduler.RunAll();
        // The first ten are dropped: the session reads them back from the journal as a hole before batch 11.
        Assert.Equal(SessionInbox.Capacity, taken.Count);
        Assert.Equal(11L, taken[0]);
        Assert.Equal(SessionInbox.Capacity + 10L, taken[^1]);
    }

    /// <summary>An inbox whose drain takes every waiting batch, noting its first seq.</summary>
    private static SessionInbox Draining(ManualScheduler scheduler, List<long> taken)
    {
        SessionInbox inbox = null!;
        inbox = new SessionInbox(scheduler, () =>
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
