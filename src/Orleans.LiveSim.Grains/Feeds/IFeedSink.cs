namespace Orleans.LiveSim.Grains.Feeds;

/// <summary>
/// Where the silo's fan-out (<see cref="FeedHubGrain"/>) hands one session its feed batches, in process: the session's
/// <see cref="Sessions.SessionInbox"/>. Post must be cheap and must not block: it runs once per session per batch on the
/// fan-out's turn.
/// </summary>
public interface IFeedSink
{
    /// <summary>
    /// The batches of the feed's <see cref="FeedBatchRing"/> up to <paramref name="position"/> are for the session; they are
    /// applied on the session's own turn.
    /// </summary>
    void Post(long position);
}
