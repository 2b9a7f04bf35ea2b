using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Grains.Feeds;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// A live session's feed batches from its silo's fan-out, handed over without a grain call (docs/adr/0001): the fan-out
/// publishes a batch once in the feed's <see cref="FeedBatchRing"/> and posts its position here, and one work item is put
/// on the activation's own scheduler, which runs the grain's drain on the activation's thread, one turn at a time with
/// its calls. That skips what a one-way call costs per session per tick (a message, addressing, the activation's request
/// queue, an invoker), which was most of the silo's CPU at 100k sessions. The inbox holds positions, not batches, so a
/// post writes no reference into the session's long-lived objects (a GC card each, scanned by every gen0 collection).
/// A session that falls more than <see cref="FeedBatchRing.Capacity"/> batches behind skips the overwritten ones and
/// fills the hole from the journal before it applies the next batch (back-pressure without an unbounded queue).
/// </summary>
public sealed class SessionInbox(IWorkItemScheduler scheduler, FeedBatchRing ring, Action drain) : IFeedSink
{
    private static readonly Action<object> Run = state => ((SessionInbox)state).Execute();

    // Guarded by locking this object (its header, no lock object of its own): the fan-out posts 100k of these a tick, and
    // every other object touched per session is another cache miss. Batches after _taken up to _posted wait.
    private long _posted = ring.Published;
    private long _taken = ring.Published;
    private bool _scheduled;

    /// <summary>Whether batches wait to be applied.</summary>
    public bool HasBatches
    {
        get
        {
            lock (this)
            {
                return _taken < _posted;
            }
        }
    }

    /// <inheritdoc />
    public void Post(long position)
    {
        lock (this)
        {
            if (position > _posted)
            {
                _posted = position;
            }

            if (_scheduled)
            {
                return;
            }

            _scheduled = true;
        }

        scheduler.QueueAction(Run, this);
    }

    /// <summary>Queues the drain again if batches wait and none is queued (the grain was busy when it last ran).</summary>
    public void Schedule()
    {
        lock (this)
        {
            if (_scheduled || _taken >= _posted)
            {
                return;
            }

            _scheduled = true;
        }

        scheduler.QueueAction(Run, this);
    }

    /// <summary>The oldest waiting batch the ring still holds, or null.</summary>
    public FeedBatch? Take()
    {
        while (true)
        {
            long position;
            lock (this)
            {
                if (_taken >= _posted)
                {
                    return null;
                }

                position = Math.Min(ring.Next(_taken), _posted);
                _taken = position;
            }

            // Null only if it was overwritten meanwhile: go on with the next one (the journal fills the hole).
            if (ring.At(position) is { } batch)
            {
                return batch;
            }
        }
    }

    private void Execute()
    {
        lock (this)
        {
            _scheduled = false;
        }

        drain();
    }
}
