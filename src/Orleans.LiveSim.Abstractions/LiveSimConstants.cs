namespace Orleans.LiveSim.Abstractions;

/// <summary>Provider, storage and stream names, in one place.</summary>
public static class LiveSimConstants
{
    /// <summary>Stream provider carrying feed ticks.</summary>
    public const string StreamProvider = "feeds";

    /// <summary>Stream namespace of feeds: stream <c>feed/{feedId}</c>.</summary>
    public const string FeedStreamNamespace = "feed";

    /// <summary>Grain storage for session and feed state.</summary>
    public const string StorageName = "livesim";

    /// <summary>Grain storage the stream provider keeps its subscriptions in.</summary>
    public const string PubSubStore = "PubSubStore";

    /// <summary>The meter of the simulator's own metrics, exported at <c>/metrics</c>.</summary>
    public const string MeterName = "Orleans.LiveSim";

    /// <summary>The embedded default feed, started by every silo.</summary>
    public const string DemoFeedId = "demo";
}
