using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions.Ledger;
using Orleans.LiveSim.Abstractions.Ports;

namespace Orleans.LiveSim.Grains.Storage;

/// <summary>
/// The bet ledgers of the embedded default, in memory (they live and die with the process, as its sessions do), bounded
/// by <see cref="LedgerOptions"/>: a session's oldest entries go first when it passes its own bound, and whole ledgers of
/// the sessions written longest ago when all of them pass the total. What was dropped is reported
/// (<see cref="DroppedThroughAsync"/>), never silently missing.
/// </summary>
public sealed class InMemorySessionLedger(IOptions<LedgerOptions> options) : ISessionLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Book> _books = new(StringComparer.Ordinal);

    // Sessions by last write, least recent first: the order whole ledgers are dropped in.
    private readonly LinkedList<string> _byLastWrite = new();
    private long _total;

    public Task AppendAsync(string sessionId, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            return Task.CompletedTask;
        }

        lock (_lock)
        {
            if (!_books.TryGetValue(sessionId, out var book))
            {
                book = new Book(_byLastWrite.AddLast(sessionId));
                _books[sessionId] = book;
            }
            else
            {
                _byLastWrite.Remove(book.Node);
                _byLastWrite.AddLast(book.Node);
            }

            _total += book.Append(entries, options.Value.MaxEntriesPerSession);
            while (_total > options.Value.MaxEntries && _byLastWrite.First is { } oldest && oldest.Value != sessionId)
            {
                _total -= _books[oldest.Value].Entries.Count;
                _books.Remove(oldest.Value);
                _byLastWrite.RemoveFirst();
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LedgerRow>> ReadRowsAsync(string sessionId, LedgerFilter filter, long after, int limit, CancellationToken cancellationToken = default)
    {
        var rows = new List<LedgerRow>();
        lock (_lock)
        {
            if (_books.TryGetValue(sessionId, out var book))
            {
                for (var i = book.IndexAfter(after); i < book.Entries.Count && rows.Count < limit; i++)
                {
                    var entry = book.Entries[i];
                    if (entry.Kind == LedgerEntryKind.Settled)
                    {
                        continue;
                    }

                    var row = LedgerRow.Of(entry, entry.BetId is { } id ? book.Settled.GetValueOrDefault(id) : null);
                    if (filter.Matches(row))
                    {
                        rows.Add(row);
                    }
                }
            }
        }

        return Task.FromResult<IReadOnlyList<LedgerRow>>(rows);
    }

    public Task<IReadOnlyList<LedgerEntry>> ReadEntriesAsync(string sessionId, LedgerEntryKind? kind, long after, int limit, CancellationToken cancellationToken = default)
    {
        var entries = new List<LedgerEntry>();
        lock (_lock)
        {
            if (_books.TryGetValue(sessionId, out var book))
            {
                for (var i = book.IndexAfter(after); i < book.Entries.Count && entries.Count < limit; i++)
                {
                    if (kind is null || book.Entries[i].Kind == kind)
                    {
                        entries.Add(book.Entries[i]);
                    }
                }
            }
        }

        return Task.FromResult<IReadOnlyList<LedgerEntry>>(entries);
    }

    public Task<long> DroppedThroughAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_books.GetValueOrDefault(sessionId)?.DroppedThrough ?? 0);
        }
    }

    private sealed class Book(LinkedListNode<string> node)
    {
        public LinkedListNode<string> Node { get; } = node;

        /// <summary>Entries in eventSeq order.</summary>
        public List<LedgerEntry> Entries { get; } = [];

        public Dictionary<long, LedgerEntry> Settled { get; } = [];

        public long DroppedThrough { get; private set; }

        /// <summary>Appends the entries it does not hold yet; returns how many entries it holds more (or fewer) now.</summary>
        public int Append(IReadOnlyList<LedgerEntry> entries, int max)
        {
            var before = Entries.Count;
            var last = Entries.Count > 0 ? Entries[^1].EventSeq : DroppedThrough;
            foreach (var entry in entries)
            {
                // A session replaying after a crash appends what it had appended before: eventSeqs only grow.
                if (entry.EventSeq <= last)
                {
                    continue;
                }

                Entries.Add(entry);
                last = entry.EventSeq;
                if (entry is { Kind: LedgerEntryKind.Settled, BetId: { } id })
                {
                    Settled[id] = entry;
                }
            }

            if (Entries.Count > max)
            {
                // Drop a tenth at once, so a full ledger is not shifted on every append.
                var drop = Entries.Count - max + (max / 10);
                DroppedThrough = Entries[drop - 1].EventSeq;
                foreach (var gone in Entries.Take(drop))
                {
                    if (gone is { Kind: LedgerEntryKind.Settled, BetId: { } id })
                    {
                        Settled.Remove(id);
                    }
                }

                Entries.RemoveRange(0, drop);
            }

            return Entries.Count - before;
        }

        public int IndexAfter(long eventSeq)
        {
            int lo = 0, hi = Entries.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (Entries[mid].EventSeq <= eventSeq)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }
    }
}
