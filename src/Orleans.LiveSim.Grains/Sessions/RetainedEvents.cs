using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// The newest events a watched session keeps for resumes, oldest first: their UTF-8 bytes in one ring of bytes and their
/// eventSeq and type in one ring of entries, both owned by the session and written in place. Bounded by a count and by
/// bytes; the oldest events make room for new ones.
/// </summary>
/// <remarks>
/// Kept this way rather than as the envelopes themselves because retention is what made watched sessions expensive: at
/// 10,000 watched sessions an envelope and its array per event (40,000 a second) each lived until 1,024 newer ones came,
/// so every one was promoted by the collector and freed only by gen2 collections (6-7 GB of retained events at 4 Hz, and
/// gen1 pauses of 400 ms copying them). Bytes written into a byte array already in gen2 cost the collector nothing (an
/// array without references has no cards to scan), and the envelopes the rooms get die young once sent. A resume copies
/// the events it needs out of the ring, which is rare.
/// </remarks>
public sealed class RetainedEvents
{
    private const int InitialBytes = 4096;
    private const int InitialEntries = 8;

    private readonly int _maxCount;
    private readonly int _maxBytes;

    private Entry[] _entries = [];
    private int _first;
    private int _count;

    // The kept events' bytes lie one after another around the ring, from the oldest entry's offset on.
    private byte[] _bytes = [];
    private int _used;

    /// <param name="maxCount">Events kept at most.</param>
    /// <param name="maxBytes">Bytes of event JSON kept at most; an event larger than this is not kept at all.</param>
    public RetainedEvents(int maxCount, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        _maxCount = maxCount;
        _maxBytes = maxBytes;
    }

    public int Count => _count;

    /// <summary>Length of the byte ring, in use or not (0 once cleared).</summary>
    public int AllocatedBytes => _bytes.Length;

    /// <summary>The newest event's eventSeq; -1 when empty.</summary>
    public long LastEventSeq => _count == 0 ? -1 : EntryAt(_count - 1).EventSeq;

    /// <summary>
    /// Keeps <paramref name="envelope"/>, dropping the oldest events as needed; returns the eventSeq of the newest event
    /// dropped (or of <paramref name="envelope"/> itself when it is larger than the whole ring), -1 when none was.
    /// </summary>
    public long Add(SessionEventEnvelope envelope)
    {
        var length = envelope.Utf8.Length;
        if (length > _maxBytes)
        {
            var dropped = Math.Max(LastEventSeq, envelope.EventSeq);
            Clear();
            return dropped;
        }

        var evicted = -1L;
        while (_count > 0 && (_count == _maxCount || _used + length > _maxBytes))
        {
            evicted = DropOldest();
        }

        EnsureBytes(_used + length);
        EnsureEntries(_count + 1);
        var offset = _count == 0 ? 0 : (_entries[_first].Offset + _used) % _bytes.Length;
        Write(offset, envelope.Utf8);
        _entries[(_first + _count) % _entries.Length] = new Entry(envelope.EventSeq, envelope.Type, offset, length);
        _count++;
        _used += length;
        return evicted;
    }

    /// <summary>Copies of the kept events with eventSeq above <paramref name="afterEventSeq"/>, oldest first.</summary>
    public IReadOnlyList<SessionEventEnvelope> After(long afterEventSeq)
    {
        var events = new List<SessionEventEnvelope>();
        for (var i = 0; i < _count; i++)
        {
            var entry = EntryAt(i);
            if (entry.EventSeq > afterEventSeq)
            {
                events.Add(new SessionEventEnvelope(entry.EventSeq, entry.Type, Read(entry.Offset, entry.Length)));
            }
        }

        return events;
    }

    /// <summary>Forgets every event and gives the arrays back to the collector: an unwatched session keeps nothing.</summary>
    public void Clear()
    {
        _entries = [];
        _bytes = [];
        _first = _count = _used = 0;
    }

    private Entry EntryAt(int i) => _entries[(_first + i) % _entries.Length];

    private long DropOldest()
    {
        var oldest = _entries[_first];
        _first = (_first + 1) % _entries.Length;
        _count--;
        _used -= oldest.Length;
        return oldest.EventSeq;
    }

    // Grows the byte ring (doubling, up to the limit) to hold `needed` bytes, laying the kept bytes out from offset 0.
    private void EnsureBytes(int needed)
    {
        if (needed <= _bytes.Length && _bytes.Length > 0)
        {
            return;
        }

        var size = Math.Min(_maxBytes, Math.Max(needed, Math.Max(InitialBytes, _bytes.Length * 2)));
        var bytes = new byte[size];
        var at = 0;
        for (var i = 0; i < _count; i++)
        {
            ref var entry = ref _entries[(_first + i) % _entries.Length];
            Copy(_bytes, entry.Offset, bytes.AsSpan(at, entry.Length));
            entry = entry with { Offset = at };
            at += entry.Length;
        }

        _bytes = bytes;
    }

    private void EnsureEntries(int needed)
    {
        if (needed <= _entries.Length)
        {
            return;
        }

        var entries = new Entry[Math.Min(_maxCount, Math.Max(InitialEntries, _entries.Length * 2))];
        for (var i = 0; i < _count; i++)
        {
            entries[i] = EntryAt(i);
        }

        _entries = entries;
        _first = 0;
    }

    // Writes at `offset`, wrapping past the ring's end.
    private void Write(int offset, ReadOnlySpan<byte> source)
    {
        var head = Math.Min(source.Length, _bytes.Length - offset);
        source[..head].CopyTo(_bytes.AsSpan(offset));
        source[head..].CopyTo(_bytes);
    }

    private byte[] Read(int offset, int length)
    {
        var copy = new byte[length];
        Copy(_bytes, offset, copy);
        return copy;
    }

    private static void Copy(byte[] ring, int offset, Span<byte> destination)
    {
        var head = Math.Min(destination.Length, ring.Length - offset);
        ring.AsSpan(offset, head).CopyTo(destination);
        ring.AsSpan(0, destination.Length - head).CopyTo(destination[head..]);
    }

    private readonly record struct Entry(long EventSeq, string Type, int Offset, int Length);
}
