namespace Orleans.LiveSim.Abstractions.Feeds;

/// <summary>
/// Owns one feed: runs its source, assigns contiguous seqs, journals, then publishes on <c>feed/{feedId}</c>.
/// Keyed by feed id.
/// </summary>
[Alias("livesim.IFeedAdapterGrain")]
public interface IFeedAdapterGrain : IGrainWithStringKey
{
    /// <summary>Starts the configured source if it is not running. Idempotent; every silo calls it periodically.</summary>
    [Alias("EnsureRunning")]
    Task EnsureRunningAsync();

    /// <summary>Status, seq and integrity counters.</summary>
    [Alias("GetView")]
    Task<FeedView> GetViewAsync();
}
