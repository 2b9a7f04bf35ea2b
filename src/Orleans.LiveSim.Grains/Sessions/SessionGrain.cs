using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Grains.Feeds;
using Orleans.LiveSim.Grains.Hosting;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// One paper wallet over one feed. Its <see cref="SessionRunner"/> applies each feed entry exactly once in seq order,
/// its driver (<see cref="LiveDriver"/> or <see cref="ReplayDriver"/>) brings the entries, and the grain stores the state
/// with the last applied seq, so after a crash the journal is replayed from there: the engine is deterministic, so the
/// result is the same as if nothing had happened (docs/adr/0003).
/// </summary>
public sealed partial class SessionGrain(
    [PersistentState("session", LiveSimConstants.StorageName)] IPersistentState<StoredSession> stored,
    IFeedJournal journal,
    ISessionIndex index,
    FeedStatusCache feeds,
    TimeProvider time,
    IOptions<LiveSimOptions> options,
    LiveSimMetrics metrics,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    private readonly SessionOutbox _outbox = new(options.Value.EventBufferSize, options.Value.WatchLease, time, logger);
    private SessionRunner? _runner;
    private ISessionDriver? _driver;
    private bool _caughtUp;

    private string Id => this.GetPrimaryKeyString();

    private StoredSession S => stored.State;

    private bool Running => _runner?.Running == true;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Created)
        {
            Begin(S.Engine!.ToState(), S.EventSeq);
            await OpenDeliveryAsync(recover: true, cancellationToken);
            if (Running)
            {
                await _driver!.StartAsync();
            }
        }
    }

    public async Task<SessionReply> CreateAsync(CreateSessionCommand command)
    {
        if (S.Created)
        {
            return new SessionReply(SessionAccess.Conflict, null);
        }

        var source = command.Source;
        // A live session starts at the feed's next entry; a replay just before its first seq.
        var startAfter = source.IsLive ? await journal.GetLastSeqAsync(source.FeedId) : Math.Max(0, (source.FromSeq ?? 1) - 1);
        stored.State = new StoredSession { Config = command.Config, Source = source, AccessTokenHash = command.AccessTokenHash, CreatedAt = command.CreatedAt, OwnerAccountId = command.OwnerAccountId, Delivery = StoredDelivery.FromStart(command.BusEvents) };
        Begin(SessionEngine.NewState(command.Config, startAfter), 0);
        await OpenDeliveryAsync(recover: false, CancellationToken.None);
        await SaveAsync();
        // Replays are indexed too (shard -1), so a start-up task can resume them after a full cluster restart.
        await index.AddAsync(Id, source.FeedId, _driver!.Shard);
        metrics.SessionsCreated.Add(1);
        await _driver.StartAsync();
        return new SessionReply(SessionAccess.Ok, await ViewAsync());
    }

    public async Task<SessionReply> GetAsync(Caller caller) =>
        Authorize(caller, AccessLevel.Read) ?? new SessionReply(SessionAccess.Ok, await ViewAsync());

    public async Task<SessionReply> StopAsync(Caller caller)
    {
        if (Authorize(caller, AccessLevel.Control) is { } denied)
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

    public async Task OnFeedAsync(FeedBatch batch)
    {
        if (!Running)
        {
            // A shard still lists a session that ended or never existed (an index entry a crash left behind).
            await GrainFactory.GetGrain<IFeedShardGrain>(FeedKeys.Shard(batch.FeedId, FeedKeys.ShardOf(Id, options.Value.FanoutShards))).UnsubscribeAsync(Id);
            await index.RemoveAsync(Id);
            if (_delivery?.HasPending != true)
            {
                // Not while the bus outbox still drains: its timer would go with the activation.
                DeactivateOnIdle();
            }
        }
        else if (_driver is LiveDriver live && await live.ApplyAsync(batch) is var applied and > 0)
        {
            metrics.SessionTicks.Add(applied);
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
        if (Authorize(caller, AccessLevel.Read) is { } denied)
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

    public async Task ResumeAsync()
    {
        // Activation has already resumed a running session; an ended or unknown one drops a stale index entry left by a crash.
        if (!Running)
        {
            await index.RemoveAsync(Id);
        }

        if (!S.Created)
        {
            DeactivateOnIdle();
        }
    }

    private void Begin(SessionState state, long eventSeq)
    {
        var o = options.Value;
        _outbox.Reset(eventSeq);
        _runner = new SessionRunner(Id, S.Config!, state, eventSeq, _outbox);
        _driver = S.Source!.IsLive
            ? new LiveDriver(Id, S.Source.FeedId, o.FanoutShards, _runner, GrainFactory, journal, o.JournalReadBatch, logger)
            : new ReplayDriver(S.Source, _runner, journal, o.JournalReadBatch, time, this, AfterReplayStepAsync);
    }

    /// <summary>Null when <paramref name="caller"/> may do what needs <paramref name="needed"/>, else the refusal.</summary>
    private SessionReply? Authorize(Caller caller, AccessLevel needed)
    {
        if (!S.Created)
        {
            // Nothing to keep: do not let lookups of unknown ids pile up activations.
            DeactivateOnIdle();
            return SessionReply.NotFound;
        }

        var level = S.AccessFor(caller);
        return level >= needed ? null
            : level == AccessLevel.None ? SessionReply.Unauthorized
            : SessionReply.Forbidden;
    }

    private Task AfterReplayStepAsync(int applied)
    {
        metrics.SessionTicks.Add(applied);
        return AfterApplyAsync();
    }

    /// <summary>Sends the new events, and stores the state every <c>PersistEveryTicks</c> ticks and when the session ends.</summary>
    private async Task AfterApplyAsync()
    {
        _outbox.Flush();
        DrainDelivery();
        if (Running && _runner!.TicksSinceWrite < options.Value.PersistEveryTicks)
        {
            return;
        }

        // State first: a crash before the index update leaves a stale entry (harmless), never a lost session.
        await SaveAsync();
        if (!Running)
        {
            metrics.SessionsEnded.Add(1);
            await _driver!.StopAsync();
            await index.RemoveAsync(Id);
        }
    }

    private async Task SaveAsync()
    {
        stored.State = S with { EventSeq = _runner!.EventSeq, Engine = StoredEngineState.From(_runner.Engine.State), Delivery = _delivery?.ToStored() };
        await stored.WriteStateAsync();
        _runner.TicksSinceWrite = 0;
    }

    private async Task<SessionView> ViewAsync()
    {
        var feed = S.Source!.IsLive ? await feeds.GetAsync(S.Source.FeedId) : null;
        return SessionViews.Build(Id, S, _runner!, feed, time.GetUtcNow(), this.RuntimeIdentity) with { Bus = _delivery?.View() };
    }
}
