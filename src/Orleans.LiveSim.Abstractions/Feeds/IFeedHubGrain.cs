namespace Orleans.LiveSim.Abstractions.Feeds;

/// <summary>
/// A feed's fan-out on one silo (key <see cref="FeedKeys.Hub"/>, placed on the silo its key names): the feed's router
/// sends it each batch and it hands the batch to the feed's sessions active on that silo, so a tick crosses the network
/// once per silo, not once per session.
/// </summary>
[Alias("livesim.IFeedHubGrain")]
public interface IFeedHubGrain : IGrainWithStringKey
{
    /// <summary>Delivers a batch to the feed's sessions on this silo.</summary>
    [OneWay]
    [Alias("Deliver")]
    Task DeliverAsync(FeedBatch batch);

    /// <summary>What this fan-out has delivered, and the feed's sessions registered on its silo.</summary>
    [Alias("Stats")]
    Task<FeedHubStats> StatsAsync();
}
