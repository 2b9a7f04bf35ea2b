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
}
