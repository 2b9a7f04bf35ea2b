using System.Collections.Concurrent;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Grains.Storage;

/// <summary>Session catalog of the embedded default (one silo, nothing survives the process).</summary>
public sealed class InMemorySessionCatalog : ISessionCatalog
{
    private readonly ConcurrentDictionary<string, SessionCatalogEntry> _entries = new(StringComparer.Ordinal);

    public Task UpsertAsync(SessionCatalogEntry entry, CancellationToken cancellationToken = default)
    {
        _entries[entry.SessionId] = entry;
        return Task.CompletedTask;
    }

    public Task<SessionCatalogEntry?> GetAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_entries.GetValueOrDefault(sessionId));

    public Task<IReadOnlyList<SessionCatalogEntry>> ListAsync(SessionCatalogQuery query, CancellationToken cancellationToken = default)
    {
        var selected = _entries.Values.Where(query.Matches);
        if (query.After is not null)
        {
            if (!_entries.TryGetValue(query.After, out var after) || !query.Matches(after))
            {
                return Task.FromResult<IReadOnlyList<SessionCatalogEntry>>([]);
            }

            selected = selected.Where(e => Newest(e, after) > 0);
        }

        return Task.FromResult<IReadOnlyList<SessionCatalogEntry>>(selected.Order(Comparer<SessionCatalogEntry>.Create(Newest)).Take(query.Limit).ToList());
    }

    // Newest first: created time descending, then id descending (the order of the PostgreSQL catalog's index).
    private static int Newest(SessionCatalogEntry a, SessionCatalogEntry b)
    {
        var byTime = b.CreatedAt.UtcTicks.CompareTo(a.CreatedAt.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(b.SessionId, a.SessionId);
    }
}
