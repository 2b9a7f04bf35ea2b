using Orleans.LiveSim.Abstractions.Feeds;

namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>
/// One simulation session: a paper wallet driven by the engine over its feed's ticks. Keyed by session id.
/// Calls that read or change a session carry the <see cref="Caller"/>; the session decides its <see cref="AccessLevel"/>.
/// </summary>
[Alias("livesim.ISessionGrain")]
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Creates and starts the session. Conflict if the id is taken.</summary>
    [Alias("Create")]
    Task<SessionReply> CreateAsync(CreateSessionCommand command);

    [Alias("Get")]
    Task<SessionReply> GetAsync(Caller caller);

    /// <summary>Stops the session (idempotent) and returns its final view.</summary>
    [Alias("Stop")]
    Task<SessionReply> StopAsync(Caller caller);

    /// <summary>Feed entries from the session's shard; applied once each, in seq order, backfilling holes from the journal.</summary>
    [OneWay]
    [Alias("OnFeed")]
    Task OnFeedAsync(FeedBatch batch);

    /// <summary>Registers a front silo's room (renew before it expires) and returns events after <paramref name="afterEventSeq"/>.</summary>
    [Alias("Watch")]
    Task<WatchReply> WatchAsync(Caller caller, ISessionObserver observer, long afterEventSeq);

    [Alias("Unwatch")]
    Task UnwatchAsync(ISessionObserver observer);

    /// <summary>
    /// Activates a running session after a restart so it catches up and registers with its silo's fan-out; returns the
    /// silo it runs on, or null when it is not running (an ended or unknown session, whose index entry it drops).
    /// </summary>
    [Alias("Resume")]
    Task<SiloAddress?> ResumeAsync();
}
