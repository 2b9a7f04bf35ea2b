using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Feeds.Sources;

/// <summary>
/// One provider connection (a live WebSocket, a recording, the synthetic game) that yields normalized,
/// integrity-checked feed entries without <c>seq</c>. The feed adapter grain drains it in its own turn: when
/// <see cref="NextDueAt"/> says the next scheduled entry is due, or at once when a pushed source announces new
/// entries through <see cref="OnAvailable"/>. Implementations buffer whatever arrives between drains.
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

    /// <summary>
    /// When a drain will next return something without being told: the due time of the next scheduled entry (the
    /// synthetic game, a recording at a finite speed), a time not after now when entries are ready, or null when
    /// entries only arrive from outside (announced through <see cref="OnAvailable"/>) or never again. Default null.
    /// </summary>
    DateTimeOffset? NextDueAt => null;

    /// <summary>Appends the entries produced up to <paramref name="now"/>, in feed order, with <c>Seq = 0</c>.</summary>
    void Drain(DateTimeOffset now, List<FeedTick> into);

    /// <summary>
    /// Registers the callback a pushed source invokes, on its own thread, whenever entries arrive for the next drain.
    /// The callback only signals (it runs outside any grain turn); the drain happens in the adapter's own turn.
    /// Sources that produce on a schedule never invoke it. Default: never invoked.
    /// </summary>
    void OnAvailable(Action available)
    {
    }
}
