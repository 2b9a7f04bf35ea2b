namespace Orleans.LiveSim.Grains.Storage;

/// <summary>
/// Which live sessions follow which feed shard. The fan-out shards rebuild their registries from it when they
/// activate (after a restart or on another silo), so no subscription lives only in memory.
/// </summary>
public interface ISessionIndex
{
    Task AddAsync(string sessionId, string feedId, int shard);

    Task RemoveAsync(string sessionId);

    Task<IReadOnlyList<string>> ListAsync(string feedId, int shard);
}
