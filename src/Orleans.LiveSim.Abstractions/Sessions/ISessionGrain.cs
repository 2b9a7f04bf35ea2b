using Orleans.LiveSim.Abstractions.Delivery;
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

    /// <summary>
    /// Pauses betting after the last applied feed entry (Control): recorded in the command log, <c>session_paused</c> emitted,
    /// state stored. Idempotent; Conflict once the session has ended.
    /// </summary>
    [Alias("PauseBetting")]
    Task<SessionReply> PauseBettingAsync(Caller caller);

    /// <summary>Resumes betting after the last applied feed entry (Control); see <see cref="PauseBettingAsync"/>.</summary>
    [Alias("ResumeBetting")]
    Task<SessionReply> ResumeBettingAsync(Caller caller);

    /// <summary>What a fork of this session starts from (Control).</summary>
    [Alias("GetForkSource")]
    Task<ForkSourceReply> GetForkSourceAsync(Caller caller);

    /// <summary>
    /// Readies the session's ledger for reading (Read): entries the session holds back until its next state write are
    /// written to the ledger store first, so the store has every entry up to now.
    /// </summary>
    [Alias("OpenLedger")]
    Task<LedgerReply> OpenLedgerAsync(Caller caller);

    /// <summary>Stops the session and deletes it: afterwards it is unknown (404). Needs <see cref="AccessLevel.Control"/>.</summary>
    [Alias("Delete")]
    Task<SessionAccess> DeleteAsync(Caller caller);

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
    /// Chooses the event types the session publishes on the event bus (empty: off); the reply carries its bus view.
    /// Delivery calls need <see cref="AccessLevel.Control"/>.
    /// </summary>
    [Alias("SetBus")]
    Task<DeliveryReply> SetBusAsync(Caller caller, IReadOnlyList<string> events);

    /// <summary>Registers a webhook (URL already checked by the caller); the reply lists it alone.</summary>
    [Alias("AddWebhook")]
    Task<DeliveryReply> AddWebhookAsync(Caller caller, NewWebhook webhook);

    [Alias("ListWebhooks")]
    Task<DeliveryReply> ListWebhooksAsync(Caller caller);

    /// <summary>Removes a webhook; NotFound when the session has no such webhook.</summary>
    [Alias("RemoveWebhook")]
    Task<DeliveryReply> RemoveWebhookAsync(Caller caller, string webhookId);

    /// <summary>The webhook's recent deliveries (attempts, status codes, next retry), oldest first.</summary>
    [Alias("WebhookDeliveries")]
    Task<DeliveryReply> GetWebhookDeliveriesAsync(Caller caller, string webhookId);


    /// <summary>
    /// Activates a running session after a restart so it catches up and registers with its silo's fan-out; returns the
    /// silo it runs on, or null when it is not running (an ended or unknown session, whose index entry it drops).
    /// </summary>
    [Alias("Resume")]
    Task<SiloAddress?> ResumeAsync();
}
