using Orleans.LiveSim.Abstractions.Feeds;

namespace Orleans.LiveSim.Grains.Feeds;

/// <summary>
/// The newest batches a feed's fan-out handed to its sessions on this silo, by position (1, 2, 3, ... in the order they
/// were published). A session's inbox keeps only the position of the newest batch posted to it and reads the batches
/// from here: at 100,000 sessions, writing the new batch's reference into every session's inbox marked that many GC
/// cards per tick, and every gen0 collection had to scan them (docs/adr/0001). One fan-out publishes (a grain turn, so
/// one writer at a time); any number of sessions read, without a lock.
/// </summary>
public sealed class FeedBatchRing
{
    /// <summary>Batches kept: a session further behind reads the older ones back from the journal.</summary>
    public const int Capacity = 64;

    private readonly Entry?[] _slots = new Entry?[Capacity];
    private long _published;

    /// <summary>Position of the newest batch; 0 before the first.</summary>
    public long Published => Volatile.Read(ref _published);

    /// <summary>Keeps <paramref name="batch"/> as the newest and returns its position.</summary>
    public long Publish(FeedBatch batch)
    {
        var position = _published + 1;
        Volatile.Write(ref _slots[position % Capacity], new Entry(position, batch));
        Volatile.Write(ref _published, position);
        return position;
    }

    /// <summary>The oldest position still held after <paramref name="after"/> (it may skip batches already overwritten).</summary>
    public long Next(long after) => Math.Max(after + 1, Published - Capacity + 1);

    /// <summary>The batch at <paramref name="position"/>, or null when it is not published yet or was overwritten.</summary>
    public FeedBatch? At(long position)
    {
        if (position > Published)
        {
            return null;
        }

        // A slot holds its position: one already overwritten (a reader more than Capacity behind) is not returned.
        var entry = Volatile.Read(ref _slots[position % Capacity]);
        return entry?.Position == position ? entry.Batch : null;
    }

    private sealed record Entry(long Position, FeedBatch Batch);
}
