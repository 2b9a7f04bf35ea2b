namespace Orleans.LiveSim.Abstractions.Feeds;

/// <summary>
/// A feed's fan-out shard on one silo (key <see cref="FeedKeys.Hub"/>, placed on the silo its key names): it calls
/// the sessions of its shard that are active on that silo, so a tick crosses the network once per silo, not once per
/// session. Shard 0 is the silo's entry: the feed's router sends it each batch, and it forwards the batch to the
/// silo's other shards with in-silo calls.
/// </summary>
[Alias("livesim.IFeedHubGrain")]
public interface IFeedHubGrain : IGrainWithStringKey
{
    /// <summary>Delivers a batch to this shard's sessions on this silo (shard 0: to the silo's other shards too).</summary>
    [OneWay]
    [Alias("Deliver")]
    Task DeliverAsync(FeedBatch batch);

    /// <summary>What this shard has delivered, and the feed's sessions registered on its silo.</summary>
    [Alias("Stats")]
    Task<FeedHubStats> StatsAsync();
}
