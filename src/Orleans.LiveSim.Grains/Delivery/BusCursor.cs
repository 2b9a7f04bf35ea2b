namespace Orleans.LiveSim.Grains.Delivery;

/// <summary>
/// Where one session stands with the event bus, shared by the session (single-threaded, on its grain) and the
/// per-silo publisher (its own loop): the highest eventSeq the bus acknowledged, and an epoch that the publisher
/// bumps when a publish fails, so the session offers again from <see cref="Acked"/> in order and the publisher drops
/// whatever it still held of the older epoch (a later event must never reach the stream before an earlier one).
/// </summary>
public sealed class BusCursor(string sessionId, string subjectPrefix)
{
    private long _acked;
    private int _epoch;

    public string SessionId { get; } = sessionId;

    /// <summary><c>livesim.{accountId}.{sessionId}.</c>: the subject of an event is this prefix and its type.</summary>
    public string SubjectPrefix { get; } = subjectPrefix;

    /// <summary>Every event of this session up to this eventSeq is in the stream (or was never meant for it).</summary>
    public long Acked => Volatile.Read(ref _acked);

    public int Epoch => Volatile.Read(ref _epoch);

    /// <summary>Events the session holds for the bus and the bus has not acknowledged (its lag), set by the session.</summary>
    public int Pending { get; set; }

    /// <summary>Called by the publisher when the stream stored (or already had) an event: acknowledgements only move forward.</summary>
    public void Ack(long eventSeq)
    {
        var current = Volatile.Read(ref _acked);
        while (eventSeq > current)
        {
            var seen = Interlocked.CompareExchange(ref _acked, eventSeq, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Called by the publisher when a publish of <paramref name="epoch"/> failed: the session must offer again from <see cref="Acked"/>.</summary>
    public void Rewind(int epoch) => Interlocked.CompareExchange(ref _epoch, epoch + 1, epoch);
}
