using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Quotas;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Abstractions.Sweeps;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Grains.Delivery;
using Orleans.LiveSim.Grains.Feeds;
using Orleans.LiveSim.Grains.Hosting;
using Orleans.LiveSim.Grains.Sweeps;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// One paper wallet over one feed. Its <see cref="SessionRunner"/> applies each feed entry exactly once in seq order,
/// its driver (<see cref="LiveDriver"/> or <see cref="ReplayDriver"/>) brings the entries, and the grain stores the state
/// with the last applied seq, so after a crash the journal is replayed from there: the engine is deterministic, so the
/// result is the same as if nothing had happened (docs/adr/0003). Its bets go to the ledger before each state write
/// (SessionGrain.History.cs, with pause, resume and forks: docs/adr/0007).
/// </summary>
public sealed partial class SessionGrain(
    [PersistentState("session", LiveSimConstants.StorageName)] IPersistentState<StoredSession> stored,
    IFeedJournal journal,
    ISessionIndex index,
    ISessionCatalog catalog,
    ISessionLedger ledger,
    FeedStatusCache feeds,
    TimeProvider time,
    IOptions<LiveSimOptions> options,
    LiveSimMetrics metrics,
    SweepReporting sweeps,
    LocalFeedSessions local,
    SessionConfigs configs,
    LocalSessionObservers observers,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain, IDriverHost, IIncomingGrainCallFilter
{
    private readonly SessionOutbox _outbox = new(options.Value.EventBufferSize, options.Value.EventBufferBytes, options.Value.WatchLease, time, logger, observers);
    private SessionRunner? _runner;
    private ISessionDriver? _driver;
    private SweepReporter? _sweep;
    private bool _caughtUp;

    private string Id => this.GetPrimaryKeyString();

    private StoredSession S => stored.State;

    private bool Running => _runner?.Running == true;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Created)
        {
            // Counted as a turn: batches its inbox receives meanwhile wait until the activation is done.
            _turns++;
            try
            {
                Begin(S.Engine!.ToState(), S.EventSeq);
                await OpenDeliveryAsync(recover: true, cancellationToken);
                if (Running)
                {
                    await _driver!.StartAsync();
                }
            }
            finally
            {
                EndTurn();
            }
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _closed = true;
        if (Running && LiveDriverOf(_driver) is { } live)
        {
            live.Detach(siloStopping: reason.ReasonCode == DeactivationReasonCode.ShuttingDown);
        }

        _delivery?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<SessionReply> CreateAsync(CreateSessionCommand command)
    {
        if (S.Created)
        {
            return new SessionReply(SessionAccess.Conflict, null);
        }

        var source = command.Source;
        // A live session starts at the feed's next entry (a fork of one at its fromSeq); a replay just before its first seq.
        var startAfter = source is { IsLive: true, FromSeq: null } ? await journal.GetLastSeqAsync(source.FeedId) : Math.Max(0, (source.FromSeq ?? 1) - 1);
        var (pausedAtStart, commands) = InheritedCommands(command.Commands, startAfter);
        stored.State = new StoredSession
        {
            Config = command.Config, Source = source, AccessTokenHash = command.AccessTokenHash, CreatedAt = command.CreatedAt, OwnerAccountId = command.OwnerAccountId,
            StartAfterSeq = startAfter, Commands = commands, ForkOf = command.ForkOf, Sweep = command.Sweep, Delivery = StoredDelivery.FromStart(command.BusEvents),
        };
        Begin(SessionEngine.NewState(command.Config, startAfter, pausedAtStart), 0);
        ExecuteCommandsAtStart(startAfter);
        await OpenDeliveryAsync(recover: false, CancellationToken.None);
        await SaveAsync();
        await CatalogAsync();
        // Replays are indexed too (shard -1), so a start-up task can resume them after a full cluster restart.
        await index.AddAsync(Id, source.FeedId, _driver!.Shard);
        metrics.SessionsCreated.Add(1);
        await _driver.StartAsync();
        return new SessionReply(SessionAccess.Ok, await ViewAsync());
    }

    public async Task<SessionReply> GetAsync(Caller caller) =>
        await AuthorizeAsync(caller, AccessLevel.Read) ?? new SessionReply(SessionAccess.Ok, await ViewAsync());

    public async Task<SessionReply> StopAsync(Caller caller)
    {
        if (await AuthorizeAsync(caller, AccessLevel.Control) is { } denied)
        {
            return denied;
        }

        if (Running)
        {
            _runner!.Stop("stopped_by_user");
            await AfterApplyAsync();
        }

        return new SessionReply(SessionAccess.Ok, await ViewAsync());
    }

    public async Task<SessionAccess> DeleteAsync(Caller caller)
    {
        if (await AuthorizeAsync(caller, AccessLevel.Control) is { } denied)
        {
            return denied.Access;
        }

        if (Running)
        {
            _runner!.Stop("deleted");
            await AfterApplyAsync();
        }

        await stored.ClearStateAsync();
        await index.RemoveAsync(Id);
        DeactivateOnIdle();
        return SessionAccess.Ok;
    }

    public Task OnFeedAsync(FeedBatch batch) => ApplyFeedAsync(batch);

    /// <summary>Applies a batch from the fan-out (through the inbox) or from a call, in a turn of its own.</summary>
    private async Task ApplyFeedAsync(FeedBatch batch)
    {
        if (!Running)
        {
            // A batch still in flight when the session ended (its stop already left the fan-out, the registry shard and the
            // index: AfterApplyAsync), or a call to a session that does not exist. Nothing to apply.
            if (_delivery?.HasPending != true)
            {
                // Not while the bus outbox still drains: its timer would go with the activation.
                DeactivateOnIdle();
            }
        }
        else if (LiveDriverOf(_driver) is { } live && await live.ApplyAsync(batch) is var applied and > 0)
        {
            metrics.SessionTicks.Add(applied);
            if (batch.ReceivedAt is { } receivedAt && metrics.SessionDelay.Enabled)
            {
                metrics.SessionDelay.Record((time.GetUtcNow() - receivedAt).TotalSeconds);
            }

            if (!_caughtUp)
            {
                _caughtUp = true;
                metrics.SessionsCaughtUp.Add(1);
                // Caught up after a restart: keep this session's write phase rather than write now, so thousands of sessions
                // coming back together do not all write at once (a second crash replays at most twice PersistEveryTicks).
                _runner!.TicksSinceWrite %= options.Value.PersistEveryTicks;
            }

            await AfterApplyAsync();
        }
    }

    public async Task<WatchReply> WatchAsync(Caller caller, ISessionObserver observer, long afterEventSeq)
    {
        if (await AuthorizeAsync(caller, AccessLevel.Read) is { } denied)
        {
            return new WatchReply(denied.Access, null, [], false);
        }

        _outbox.Watch(observer);
        var (missed, complete) = afterEventSeq < 0 ? ([], true) : _outbox.After(afterEventSeq);
        return new WatchReply(SessionAccess.Ok, await ViewAsync(), missed, complete);
    }

    public Task UnwatchAsync(ISessionObserver observer)
    {
        _outbox.Unwatch(observer);
        return Task.CompletedTask;
    }

    public async Task<SiloAddress?> ResumeAsync()
    {
        // Activation has already resumed a running session; an ended or unknown one drops a stale index entry left by a
        // crash, and an ended one rewrites its catalog entry, which a crash may have left saying it runs.
        if (Running)
        {
            return GrainContext.Address.SiloAddress;
        }

        if (S.Created)
        {
            await CatalogAsync();
        }

        await index.RemoveAsync(Id);
        if (!S.Created)
        {
            DeactivateOnIdle();
        }

        return null;
    }

    private void Begin(SessionState state, long eventSeq)
    {
        var o = options.Value;
        _outbox.Reset(eventSeq);
        _sweep = sweeps.For(Id, S.Sweep);
        // The state and the engine hold the silo's shared copy of the config, not one of their own.
        stored.State = S with { Config = configs.Share(S.Config!) };
        _runner = new SessionRunner(Id, S.Config!, state, eventSeq, _outbox, S.Commands);
        var source = S.Source!;
        if (!source.IsLive)
        {
            _driver = new ReplayDriver(source, _runner, journal, ReplaySettings.For(source.Speed, o), time, this);
            return;
        }

        _inbox ??= new SessionInbox(GrainContext.Scheduler, local.Ring(source.FeedId), RunInbox);
        // Batches come through the inbox, not as calls, so nothing else would tell Orleans the session is in use.
        DelayDeactivation(TimeSpan.MaxValue);
        var live = new LiveDriver(Id, source.FeedId, o.FanoutShards, o.PersistEveryTicks, _runner, GrainFactory, journal, o.JournalReadBatch, local, _inbox, GrainContext.Address.SiloAddress!, logger);
        // A live session from a past seq (a fork) reads the journal up to now at full speed before it follows the feed.
        _driver = source.FromSeq is null ? live : new CatchUpDriver(source, live, _runner, journal, ReplaySettings.For(ReplaySpeed.Max, o), time, this);
    }

    /// <summary>
    /// Null when <paramref name="caller"/> may do what needs <paramref name="needed"/>, else the refusal. A sweep's variant
    /// asks its sweep about a token it does not know: the sweep's viewer tokens read every variant (and are refused every
    /// change, 403). Asked per request, never per tick, and not cached, so a revoked token is refused at once.
    /// </summary>
    private async ValueTask<SessionReply?> AuthorizeAsync(Caller caller, AccessLevel needed)
    {
        if (!S.Created)
        {
            // Nothing to keep: do not let lookups of unknown ids pile up activations.
            DeactivateOnIdle();
            return SessionReply.NotFound;
        }

        var level = S.AccessFor(caller);
        if (level == AccessLevel.None && S.Sweep is { } sweep && caller.TokenHash.Length > 0
            && await GrainFactory.GetGrain<ISweepViewersGrain>(sweep.SweepId).AdmitsViewerAsync(caller.TokenHash))
        {
            level = AccessLevel.Read;
        }

        return level >= needed ? null
            : level == AccessLevel.None ? SessionReply.Unauthorized
            : SessionReply.Forbidden;
    }

    IGrainTimer IDriverHost.StartTimer(Func<CancellationToken, Task> step, TimeSpan period) =>
        this.RegisterGrainTimer(AsTurn(step), new GrainTimerCreationOptions(period, period) { KeepAlive = true });

    Task IDriverHost.AppliedAsync(long applied)
    {
        // Counted per batch: the hot path pays one add per call.
        metrics.SessionTicks.Add(applied);
        return AfterApplyAsync();
    }

    /// <summary>Sends the new events, and stores the state every <c>PersistEveryTicks</c> of its driver and when the session ends.</summary>
    private async Task AfterApplyAsync()
    {
        _outbox.Flush();
        _sweep?.Report(_runner!);
        DrainDelivery();
        if (Running && _runner!.TicksSinceWrite < _driver!.PersistEveryTicks)
        {
            return;
        }

        // State first: a crash before the index update leaves a stale entry (harmless), never a lost session.
        await SaveAsync();
        if (!Running)
        {
            metrics.SessionsEnded.Add(1);
            await _driver!.StopAsync();
            // An ended session is collected when idle, like any grain (a live one was kept while its inbox was in use).
            DelayDeactivation(TimeSpan.Zero);
            await index.RemoveAsync(Id);
            await CatalogAsync();
            await GrainFactory.GetGrain<IQuotaGrain>(QuotaKeys.Of(S.OwnerAccountId)).ReleaseAsync(QuotaKind.RunningSessions, Id);
        }
    }

    /// <summary>Writes the session's catalog entry: on create and whenever its status changes, never per tick.</summary>
    private Task CatalogAsync() => catalog.UpsertAsync(new SessionCatalogEntry(
        Id, S.OwnerAccountId, S.Source!.FeedId, S.Source.Mode, _runner!.Engine.State.Status, S.Source.RecordingId, S.CreatedAt, time.GetUtcNow()));

    /// <summary>
    /// The one write point (every state write of the live and replay paths comes here): the ledger entries made since the
    /// last write go to the ledger first, then the state. A crash between the two replays those entries again from the
    /// older state, with the same eventSeqs, and the ledger ignores what it holds: no entry is lost or doubled.
    /// </summary>
    private async Task SaveAsync()
    {
        await WriteLedgerAsync();
        stored.State = S with { EventSeq = _runner!.EventSeq, Engine = StoredEngineState.From(_runner.Engine.State), Delivery = _delivery?.ToStored() };
        await stored.WriteStateAsync();
        // The snapshot is read only on activation and the runner holds the live state: do not keep a second copy
        // (at 100k sessions, a KB or more each that would live until the next write and end in gen2).
        stored.State = S with { Engine = null };
        _runner.TicksSinceWrite = 0;
    }

    private async Task<SessionView> ViewAsync()
    {
        var feed = S.Source!.IsLive ? await feeds.GetAsync(S.Source.FeedId) : null;
        return SessionViews.Build(Id, S, _runner!, feed, time.GetUtcNow(), this.RuntimeIdentity, CurrentMode) with { Bus = _delivery?.View() };
    }
}
