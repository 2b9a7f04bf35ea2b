namespace Orleans.LiveSim.Abstractions.Feeds;

/// <summary>
/// One registry shard of a feed (key <c>{feedId}/{shard}</c>): the sessions of the feed that hash to this shard, each
/// with the silo it last ran on. It delivers no ticks (the per-silo <see cref="IFeedHubGrain"/>s do); it keeps its
/// sessions running: after it (re)activates it wakes every session the index lists, and it wakes again a session whose
/// silo died or that deactivated, so the session activates somewhere and registers with that silo's fan-out.
/// </summary>
[Alias("livesim.IFeedShardGrain")]
public interface IFeedShardGrain : IGrainWithStringKey
{
    /// <summary>Activates the shard if it is not (the feed's router calls it after a membership change, and now and then).</summary>
    [OneWay]
    [Alias("Keep")]
    Task KeepAsync();

    /// <summary>A session is running on <paramref name="silo"/>. Idempotent.</summary>
    [Alias("Attach")]
    Task AttachAsync(string sessionId, SiloAddress silo);

    /// <summary>A running session deactivated on <paramref name="silo"/> (idle, shutdown, a move): wake it unless it attached elsewhere meanwhile.</summary>
    [OneWay]
    [Alias("Detach")]
    Task DetachAsync(string sessionId, SiloAddress silo);

    /// <summary>Removes a session that ended. Idempotent.</summary>
    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(string sessionId);

    /// <summary>Sessions registered (awake or still to wake).</summary>
    [Alias("Count")]
    Task<int> CountAsync();
}
