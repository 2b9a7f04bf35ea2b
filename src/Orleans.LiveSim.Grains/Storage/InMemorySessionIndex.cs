using System.Collections.Concurrent;
using Orleans.LiveSim.Abstractions.Ports;

namespace Orleans.LiveSim.Grains.Storage;

/// <summary>Session index of the embedded default (one silo, nothing survives the process).</summary>
public sealed class InMemorySessionIndex : ISessionIndex
{
    private readonly ConcurrentDictionary<string, (string FeedId, int Shard)> _sessions = new(StringComparer.Ordinal);

    public Task AddAsync(string sessionId, string feedId, int shard)
    {
        _sessions[sessionId] = (feedId, shard);
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string sessionId)
    {
        _sessions.TryRemove(sessionId, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListAsync(string feedId, int shard) =>
        Task.FromResult<IReadOnlyList<string>>(_sessions.Where(e => e.Value.FeedId == feedId && e.Value.Shard == shard).Select(e => e.Key).ToList());

    public Task<IReadOnlyList<string>> ListShardAsync(int shard) =>
        Task.FromResult<IReadOnlyList<string>>(_sessions.Where(e => e.Value.Shard == shard).Select(e => e.Key).ToList());
}
