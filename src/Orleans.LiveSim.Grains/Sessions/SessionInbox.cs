using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Grains.Feeds;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// A live session's feed batches from its silo's fan-out, handed over without a grain call (docs/adr/0001): a batch is
/// queued here and one work item is put on the activation's own scheduler, which runs the grain's drain on the
/// activation's thread, one turn at a time with its calls. That skips what a one-way call costs per session per tick
/// (a message, addressing, the activation's request queue, an invoker), which was most of the silo's CPU at 100k sessions.
/// At most <see cref="Capacity"/> batches wait; when a session falls further behind, the oldest are dropped, since the
/// session fills any hole from the journal before it applies the next batch (back-pressure without an unbounded queue).
/// </summary>
public sealed class SessionInbox(IWorkItemScheduler scheduler, Action drain) : IFeedSink
{
    /// <summary>Batches kept for a session that is behind; older ones are read back from the journal instead.</summary>
    public const int Capacity = 64;

    private static readonly Action<object> Run = state => ((SessionInbox)state).Execute();

    // Guarded by locking this object (its header, no lock object of its own): the fan-out posts 100k of these a tick, and
    // every other object touched per session is another cache miss. Almost always one batch waits: it stays in _first;
    // _more holds the rest, in order, only for a session that is behind.
    private FeedBatch? _first;
    private Queue<FeedBatch>? _more;
    private bool _scheduled;

    /// <summary>Whether batches wait to be applied.</summary>
    public bool HasBatches
    {
        get
        {
            lock (this)
            {
                return _first is not null;
            }
        }
    }

    /// <inheritdoc />
    public void Post(FeedBatch batch)
    {
        lock (this)
        {
            if (_first is null)
            {
                _first = batch;
            }
            else
            {
                _more ??= new Queue<FeedBatch>();
                if (_more.Count == Capacity - 1)
                {
                    _first = _more.Dequeue();
                }

                _more.Enqueue(batch);
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
            if (_scheduled || _first is null)
            {
                return;
            }

            _scheduled = true;
        }

        scheduler.QueueAction(Run, this);
    }

    /// <summary>The oldest waiting batch, or null.</summary>
    public FeedBatch? Take()
    {
        lock (this)
        {
            var batch = _first;
            _first = _more is { Count: > 0 } more ? more.Dequeue() : null;
            return batch;
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
