namespace Orleans.LiveSim.Abstractions.Feeds;

/// <summary>
/// The consumer of the stream <c>feed/{feedId}</c> (an implicit subscription, so it needs no stored
/// subscription and comes back by itself after a restart). It forwards each batch to the feed's shards.
/// </summary>
[Alias("livesim.IFeedRouterGrain")]
public interface IFeedRouterGrain : IGrainWithStringKey
{
}
