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

    private readonly Lock _lock = new();
    private readonly Queue<FeedBatch> _batches = new();
    private bool _scheduled;

    /// <summary>Whether batches wait to be applied.</summary>
    public bool HasBatches
    {
        get
        {
            lock (_lock)
            {
                return _batches.Count > 0;
            }
        }
    }

    /// <inheritdoc />
    public void Post(FeedBatch batch)
    {
        lock (_lock)
        {
            if (_batches.Count == Capacity)
            {
                _batches.Dequeue();
            }

            _batches.Enqueue(batch);
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
        lock (_lock)
        {
            if (_scheduled || _batches.Count == 0)
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
        lock (_lock)
        {
            return _batches.TryDequeue(out var batch) ? batch : null;
        }
    }

    private void Execute()
    {
        lock (_lock)
        {
            _scheduled = false;
        }

        drain();
    }
}
