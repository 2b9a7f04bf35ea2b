namespace Orleans.LiveSim.Feeds.Sources;

/// <summary>Health of a feed source as sessions and operators see it.</summary>
public enum FeedConnectionState
{
    /// <summary>Receiving ticks as expected.</summary>
    Connected = 0,

    /// <summary>Connected but not healthy: no tick within the stale timeout while a round is active, or reconnecting.</summary>
    Degraded = 1,

    /// <summary>Not connected.</summary>
    Disconnected = 2,
}
