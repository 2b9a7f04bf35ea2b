using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Grains.Delivery;

/// <summary>
/// The per-silo path from sessions to the event bus (NATS JetStream when <c>LiveSim:EventBus:Nats:Url</c> is set).
/// Sessions offer their committed events in eventSeq order; the bus publishes them with <c>Nats-Msg-Id =
/// {sessionId}:{eventSeq}</c>, awaits the acknowledgements and moves each session's <see cref="BusCursor"/>.
/// </summary>
public interface IEventBus
{
    /// <summary>Whether a bus is configured; when not, sessions cannot enable it (the embedded default).</summary>
    bool Enabled { get; }

    /// <summary>A cursor for a session, registered for the lag metric until <see cref="Release"/>.</summary>
    BusCursor Open(string sessionId, string? accountId);

    void Release(BusCursor cursor);

    /// <summary>
    /// Queues the session's next events (in eventSeq order, all of the current epoch) and returns how many it took:
    /// fewer than offered when the publisher's bounded queue is full (back-pressure: offer the rest later).
    /// </summary>
    int Offer(BusCursor cursor, int epoch, IReadOnlyList<SessionEventEnvelope> events, int start);

    /// <summary>The highest eventSeq of the session that the stream holds (0 when none), or null when the bus cannot say now.</summary>
    Task<long?> LastPublishedAsync(BusCursor cursor, CancellationToken cancellationToken);
}
