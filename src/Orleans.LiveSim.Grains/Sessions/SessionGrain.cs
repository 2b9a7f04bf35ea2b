using System.Security.Cryptography;
using System.Text;
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
/// One paper wallet over one feed. Applies each feed entry exactly once in seq order (a hole is backfilled
/// from the journal first), stores its state with the last applied seq, and after a crash replays the
/// journal from there: the engine is deterministic, so the result is the same as if nothing had happened
/// (docs/adr/0003). The simulation itself is <see cref="SessionRunner"/>; this grain adds storage and timing.
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
    private ReplayReader? _replay;
    private IGrainTimer? _replayTimer;
    private bool _caughtUp;

    private string Id => this.GetPrimaryKeyString();

    private StoredSession S => stored.State;

    private bool Running => _runner?.Running == true;

    private int Shard => S.Source!.IsLive ? FeedKeys.ShardOf(Id, options.Value.FanoutShards) : ISessionIndex.ReplayShard;

    private IFeedShardGrain ShardGrain => GrainFactory.GetGrain<IFeedShardGrain>(FeedKeys.Shard(S.Source!.FeedId, Shard));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!S.Created)
        {
            return;
        }

        _outbox.Reset(S.EventSeq);
        _runner = new SessionRunner(Id, S.Config!, S.Engine!.ToState(), S.EventSeq, _outbox);
        if (Running)
        {
            await StartFollowingAsync();
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
        stored.State = new StoredSession
        {
            Config = command.Config,
            Source = source,
            AccessTokenHash = command.AccessTokenHash,
            CreatedAt = command.CreatedAt,
        };
        _outbox.Reset(0);
        _runner = new SessionRunner(Id, command.Config, SessionEngine.NewState(command.Config, startAfter), 0, _outbox);
        await SaveAsync();
        // Replays are indexed too (shard -1), so a start-up task can resume them after a full cluster restart.
        await index.AddAsync(Id, source.FeedId, Shard);
        metrics.SessionsCreated.Add(1);
        await StartFollowingAsync();
        return new SessionReply(SessionAccess.Ok, await ViewAsync());
    }

    public async Task<SessionReply> GetAsync(string accessTokenHash) =>
        Authorize(accessTokenHash) ?? new SessionReply(SessionAccess.Ok, await ViewAsync());

    public async Task<SessionReply> StopAsync(string accessTokenHash)
    {
        if (Authorize(accessTokenHash) is { } denied)
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
            DeactivateOnIdle();
            return;
        }

        if (!S.Source!.IsLive || batch.LastSeq <= _runner!.LastSeq)
        {
            return;
        }

        var before = _runner.LastSeq;
        foreach (var tick in batch.Ticks)
        {
            // Batches are contiguous, but a hole must never be stepped over: fill it from the journal first.
            if (tick.Seq > _runner.LastSeq + 1)
            {
                await BackfillAsync(tick.Seq - 1);
            }

            _runner.Apply(tick);
        }

        metrics.SessionTicks.Add(_runner.LastSeq - before);
        if (!_caughtUp)
        {
            _caughtUp = true;
            metrics.SessionsCaughtUp.Add(1);
            // Caught up after a restart: keep this session's write phase rather than write now, so thousands of sessions
            // coming back together do not all write at once (a second crash replays at most twice PersistEveryTicks).
            _runner.TicksSinceWrite %= options.Value.PersistEveryTicks;
        }

        await AfterApplyAsync();
    }

    public async Task<WatchReply> WatchAsync(string accessTokenHash, ISessionObserver observer, long afterEventSeq)
    {
        if (Authorize(accessTokenHash) is { } denied)
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

    private SessionReply? Authorize(string accessTokenHash)
    {
        if (!S.Created)
        {
            // Nothing to keep: do not let lookups of unknown ids pile up activations.
            DeactivateOnIdle();
            return SessionReply.NotFound;
        }

        var expected = Encoding.ASCII.GetBytes(S.AccessTokenHash);
        var given = Encoding.ASCII.GetBytes(accessTokenHash);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? null : SessionReply.Unauthorized;
    }

    private async Task StartFollowingAsync()
    {
        if (S.Source!.IsLive)
        {
            await ShardGrain.SubscribeAsync(Id);
            return;
        }

        _replay = new ReplayReader(S.Source, journal, options.Value.JournalReadBatch, time.GetUtcNow());
        _replayTimer = this.RegisterGrainTimer(ReplayStepAsync, new GrainTimerCreationOptions(_replay.Period, _replay.Period) { KeepAlive = true });
    }

    private async Task ReplayStepAsync(CancellationToken cancellationToken)
    {
        var (due, exhausted) = await _replay!.NextAsync(_runner!.LastSeq, time.GetUtcNow(), cancellationToken);
        foreach (var tick in due)
        {
            _runner.Apply(tick);
        }

        metrics.SessionTicks.Add(due.Count);

        if (Running && (exhausted || _runner.LastSeq >= (S.Source!.ToSeq ?? long.MaxValue)))
        {
            _runner.Complete("replay_finished");
        }

        await AfterApplyAsync();
    }

    private async Task BackfillAsync(long toSeq)
    {
        while (_runner!.LastSeq < toSeq)
        {
            var from = _runner.LastSeq + 1;
            var ticks = await journal.ReadAsync(S.Source!.FeedId, from, toSeq, options.Value.JournalReadBatch);
            if (ticks.Count == 0)
            {
                LogJournalHole(logger, Id, from, toSeq);
                return;
            }

            foreach (var tick in ticks)
            {
                _runner.Apply(tick);
            }
        }
    }

    private async Task AfterApplyAsync()
    {
        _outbox.Flush();
        if (Running && _runner!.TicksSinceWrite < options.Value.PersistEveryTicks)
        {
            return;
        }

        // State first: a crash before the index update leaves a stale entry (harmless), never a lost session.
        await SaveAsync();
        _runner!.TicksSinceWrite = 0;
        if (!Running)
        {
            metrics.SessionsEnded.Add(1);
            _replayTimer?.Dispose();
            if (S.Source!.IsLive)
            {
                await ShardGrain.UnsubscribeAsync(Id);
            }

            await index.RemoveAsync(Id);
        }
    }

    private Task SaveAsync()
    {
        stored.State = S with { EventSeq = _runner!.EventSeq, Engine = StoredEngineState.From(_runner.Engine.State) };
        return stored.WriteStateAsync();
    }

    private async Task<SessionView> ViewAsync()
    {
        var feed = S.Source!.IsLive ? await feeds.GetAsync(S.Source.FeedId) : null;
        return SessionViews.Build(Id, S, _runner!, feed, time.GetUtcNow(), this.RuntimeIdentity);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: journal has no entries {FromSeq}..{ToSeq}; they are lost to this session")]
    private static partial void LogJournalHole(ILogger logger, string sessionId, long fromSeq, long toSeq);
}
