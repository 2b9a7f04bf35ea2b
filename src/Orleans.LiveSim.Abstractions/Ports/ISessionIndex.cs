using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Abstractions.Ports;

/// <summary>
/// Which running sessions follow which feed shard. The fan-out shards rebuild their registries from it when they
/// activate (after a restart or on another silo), so no subscription lives only in memory. Replay sessions are
/// listed under <see cref="ReplayShard"/> so a start-up task can resume them after a full cluster restart.
/// </summary>
public interface ISessionIndex
{
    /// <summary>The shard number replay sessions are indexed under (they follow no fan-out shard).</summary>
    const int ReplayShard = -1;

    Task AddAsync(string sessionId, string feedId, int shard);

    Task RemoveAsync(string sessionId);

    Task<IReadOnlyList<string>> ListAsync(string feedId, int shard);

    /// <summary>Sessions of every feed indexed under <paramref name="shard"/> (e.g. <see cref="ReplayShard"/>).</summary>
    Task<IReadOnlyList<string>> ListShardAsync(int shard);

    /// <summary>Running sessions in id order, the <paramref name="limit"/> after <paramref name="afterSessionId"/> (a page of the operator listing).</summary>
    Task<IReadOnlyList<IndexedSession>> ListRunningAsync(string? afterSessionId, int limit);
}

/// <summary>A running session as the index knows it.</summary>
public sealed record IndexedSession(string SessionId, string FeedId, int Shard)
{
    public SessionMode Mode => Shard == ISessionIndex.ReplayShard ? SessionMode.Replay : SessionMode.Live;
}
