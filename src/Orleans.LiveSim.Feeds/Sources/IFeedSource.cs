using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Feeds.Sources;

/// <summary>
/// One provider connection (a live WebSocket, a recording, the synthetic game) that yields normalized,
/// integrity-checked feed entries without <c>seq</c>. The feed adapter grain drains it from its own timer,
/// so implementations buffer whatever arrives between drains.
/// </summary>
public interface IFeedSource : IAsyncDisposable
{
    /// <summary>Kind of the source.</summary>
    ProviderKind Provider { get; }

    /// <summary>Current health.</summary>
    FeedConnectionState State { get; }

    /// <summary>Integrity counters so far.</summary>
    FeedCounters Counters { get; }

    /// <summary>True when the source will never produce anything again (a recording read to its end).</summary>
    bool Completed { get; }

    /// <summary>Starts connecting or reading. Returns once started, not once connected.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Appends the entries produced up to <paramref name="now"/>, in feed order, with <c>Seq = 0</c>.</summary>
    void Drain(DateTimeOffset now, List<FeedTick> into);
}
