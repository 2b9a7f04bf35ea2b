namespace Orleans.LiveSim.Abstractions.Feeds;

/// <summary>
/// One shard of a feed's fan-out (key <c>{feedId}/{shard}</c>): a registry of the sessions subscribed to the
/// feed that hash to this shard, each called with a one-way call per batch.
/// </summary>
[Alias("livesim.IFeedShardGrain")]
public interface IFeedShardGrain : IGrainWithStringKey
{
    /// <summary>Delivers a batch to every registered session.</summary>
    [OneWay]
    [Alias("Deliver")]
    Task DeliverAsync(FeedBatch batch);

    /// <summary>Adds a session to the registry. Idempotent.</summary>
    [Alias("Subscribe")]
    Task SubscribeAsync(string sessionId);

    /// <summary>Removes a session from the registry. Idempotent.</summary>
    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(string sessionId);

    /// <summary>Sessions registered.</summary>
    [Alias("Count")]
    Task<int> CountAsync();
}
