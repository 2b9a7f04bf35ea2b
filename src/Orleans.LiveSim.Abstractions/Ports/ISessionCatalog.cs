using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Abstractions.Ports;

/// <summary>
/// Every session with its owner and status (in memory on the embedded default, table <c>livesim_session_catalog</c> in
/// PostgreSQL): the listings (an account's sessions, the operator's view of all) and the quotas read it. The session
/// grain writes its entry when it is created and when its status changes, never per tick.
/// </summary>
public interface ISessionCatalog
{
    /// <summary>Writes the entry (insert or replace). Idempotent.</summary>
    Task UpsertAsync(SessionCatalogEntry entry, CancellationToken cancellationToken = default);

    Task<SessionCatalogEntry?> GetAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The entries <paramref name="query"/> selects, newest first (created time, then id, both descending), at most its
    /// limit, after the entry <c>query.After</c> (keyset paging). Empty when <c>After</c> is not an entry the query selects.
    /// </summary>
    Task<IReadOnlyList<SessionCatalogEntry>> ListAsync(SessionCatalogQuery query, CancellationToken cancellationToken = default);
}
