using Orleans.LiveSim.Abstractions.Ledger;

namespace Orleans.LiveSim.Abstractions.Ports;

/// <summary>
/// Sessions' bet ledgers: append-only entries keyed by (session, eventSeq), so a session that replays after a crash and
/// appends the same entries again changes nothing. In memory by default (bounded, see the implementation), a PostgreSQL
/// table in production.
/// </summary>
public interface ISessionLedger
{
    /// <summary>Appends <paramref name="entries"/> (in eventSeq order); entries the ledger already holds are ignored.</summary>
    Task AppendAsync(string sessionId, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> rows after eventSeq <paramref name="after"/> that match <paramref name="filter"/>, in eventSeq order.</summary>
    Task<IReadOnlyList<LedgerRow>> ReadRowsAsync(string sessionId, LedgerFilter filter, long after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> entries after eventSeq <paramref name="after"/>, of <paramref name="kind"/> only when given, in eventSeq order.</summary>
    Task<IReadOnlyList<LedgerEntry>> ReadEntriesAsync(string sessionId, LedgerEntryKind? kind, long after, int limit, CancellationToken cancellationToken = default);

    /// <summary>The eventSeq up to which entries of the session were dropped to stay within a memory bound (0: none, the ledger is complete).</summary>
    Task<long> DroppedThroughAsync(string sessionId, CancellationToken cancellationToken = default);
}
