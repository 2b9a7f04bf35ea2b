using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Grains.Feeds;
using Orleans.LiveSim.Grains.Hosting;
using Orleans.LiveSim.Grains.Storage;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// One paper wallet over one feed. Applies each feed entry exactly once in seq order (a hole is backfilled
/// from the journal first), stores its state with the last applied seq, and after a crash replays the
/// journal from there: the engine is deterministic, so the result is the same as if nothing had happened.
/// </summary>
public sealed partial class SessionGrain(
    [PersistentState("session", LiveSimConstants.StorageName)] IPersistentState<SessionGrainState> stored,
    IFeedJournal journal,
    ISessionIndex index,
    FeedStatusCache feeds,
    TimeProvider time,
    IOptions<LiveSimOptions> options,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    private readonly List<EngineEvent> _events = [];
    private readonly Queue<FeedTick> _replayAhead = new();
    private readonly SessionOutbox _outbox = new(options.Value.EventBufferSize, options.Value.WatchLease);
    private SessionEngine? _engine;
    private SessionEventWriter? _writer;
    private IGrainTimer? _replayTimer;
    private ReplayClock? _replayClock;
    private long _ticksSinceWrite;

    private string Id => this.GetPrimaryKeyString();

    private SessionGrainState S => stored.State;

    private bool Running => _engine?.State.Status == SessionStatus.Running;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!S.Created)
        {
            return;
        }

        _engine = new SessionEngine(S.Config!, S.Engine);
        _writer = new SessionEventWriter(Id);
        _outbox.Reset(S.EventSeq);
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

        var engineState = SessionEngine.NewState(command.Config);
        var source = command.Source;
        // A live session starts at the feed's next entry; a replay just before its first seq.
        engineState.LastSeq = source.IsLive ? await journal.GetLastSeqAsync(source.FeedId) : Math.Max(0, (source.FromSeq ?? 1) - 1);
        stored.State = new SessionGrainState
        {
            Created = true,
            Config = command.Config,
            Source = source,
            AccessTokenHash = command.AccessTokenHash,
            CreatedAt = command.CreatedAt,
            Engine = engineState,
        };
        _engine = new SessionEngine(command.Config, engineState);
        _writer = new SessionEventWriter(Id);
        _outbox.Reset(0);
        await stored.WriteStateAsync();
        // Replays are indexed too, so a start-up task can resume them after a full cluster restart.
        await index.AddAsync(Id, source.FeedId, source.IsLive ? Shard : ISessionIndex.ReplayShard);

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
            _events.Clear();
            _engine!.Stop("stopped_by_user", _events);
            EmitDomainEvents();
            await AfterApplyAsync();
        }

        return new SessionReply(SessionAccess.Ok, await ViewAsync());
    }

    public async Task OnFeedAsync(FeedBatch batch)
    {
        if (!Running)
        {
            // A shard still lists a session that ended or never existed (an index entry a crash left behind).
            await ForgetAsync(batch.FeedId);
            return;
        }

        if (!S.Source!.IsLive || batch.LastSeq <= _engine!.State.LastSeq)
        {
            return;
        }

        if (batch.FirstSeq > _engine.State.LastSeq + 1)
        {
            await BackfillAsync(batch.FirstSeq - 1);
        }

        foreach (var tick in batch.Ticks)
        {
            ApplyTick(tick);
        }

        await AfterApplyAsync();
    }

    public async Task<WatchReply> WatchAsync(string accessTokenHash, ISessionObserver observer, long afterEventSeq)
    {
        if (Authorize(accessTokenHash) is { } denied)
        {
            return new WatchReply(denied.Access, null, [], false);
        }

        _outbox.Watch(observer, time.GetUtcNow());
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
        // Activation has already resumed a running session; an ended one drops a stale index entry left by a crash.
        if (S.Created && !Running)
        {
            await index.RemoveAsync(Id);
        }
    }

    private async Task ForgetAsync(string feedId)
    {
        await GrainFactory.GetGrain<IFeedShardGrain>(FeedKeys.Shard(feedId, Shard)).UnsubscribeAsync(Id);
        await index.RemoveAsync(Id);
        DeactivateOnIdle();
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
        var source = S.Source!;
        if (source.IsLive)
        {
            await GrainFactory.GetGrain<IFeedShardGrain>(FeedKeys.Shard(source.FeedId, Shard)).SubscribeAsync(Id);
            return;
        }

        _replayClock = ReplayClock.For(source.Speed, time.GetUtcNow());
        var period = TimeSpan.FromMilliseconds(_replayClock.IsMax ? 1 : 50);
        _replayTimer = this.RegisterGrainTimer(ReplayStepAsync, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
    }

    private async Task ReplayStepAsync(CancellationToken cancellationToken)
    {
        var source = S.Source!;
        var toSeq = source.ToSeq ?? long.MaxValue;
        var from = _engine!.State.LastSeq + 1;
        // A paced replay reads ahead once and applies from memory as entries fall due, not re-reading every step.
        if (_replayAhead.Count == 0 && from <= toSeq)
        {
            foreach (var tick in await journal.ReadAsync(source.FeedId, from, toSeq, options.Value.JournalReadBatch, cancellationToken))
            {
                _replayAhead.Enqueue(tick);
            }
        }

        var exhausted = _replayAhead.Count == 0;
        var now = time.GetUtcNow();
        while (_replayAhead.TryPeek(out var tick) && _replayClock!.Due(tick, now))
        {
            ApplyTick(_replayAhead.Dequeue());
        }

        if (Running && (_engine.State.LastSeq >= toSeq || exhausted))
        {
            _events.Clear();
            _engine.Complete("replay_finished", _events);
            EmitDomainEvents();
        }

        await AfterApplyAsync();
    }

    private async Task BackfillAsync(long toSeq)
    {
        while (_engine!.State.LastSeq < toSeq)
        {
            var from = _engine.State.LastSeq + 1;
            var ticks = await journal.ReadAsync(S.Source!.FeedId, from, toSeq, options.Value.JournalReadBatch);
            if (ticks.Count == 0)
            {
                LogJournalHole(logger, Id, from, toSeq);
                return;
            }

            foreach (var tick in ticks)
            {
                ApplyTick(tick);
            }
        }
    }

    private void ApplyTick(FeedTick tick)
    {
        _events.Clear();
        if (!_engine!.Apply(tick, _events))
        {
            return;
        }

        _ticksSinceWrite++;
        EmitDomainEvents();
        var seq = ++S.EventSeq;
        if (_outbox.Retaining)
        {
            _outbox.Add(_writer!.LiveTick(seq, tick, _engine.State));
        }
        else
        {
            _outbox.Skip(seq);
        }
    }

    private void EmitDomainEvents()
    {
        foreach (var e in _events)
        {
            // Serialized only for someone who watches (or may resume soon); otherwise just counted.
            if (_outbox.Retaining)
            {
                _outbox.Add(_writer!.Domain(++S.EventSeq, e));
            }
            else
            {
                _outbox.Skip(++S.EventSeq);
            }
        }
    }

    private async Task AfterApplyAsync()
    {
        _outbox.Flush(time.GetUtcNow());
        if (!Running || _ticksSinceWrite >= options.Value.PersistEveryTicks)
        {
            // State first: a crash before the index update leaves a stale entry (harmless), never a lost session.
            await WriteAsync();
            if (!Running)
            {
                _replayTimer?.Dispose();
                if (S.Source!.IsLive)
                {
                    await GrainFactory.GetGrain<IFeedShardGrain>(FeedKeys.Shard(S.Source.FeedId, Shard)).UnsubscribeAsync(Id);
                }

                await index.RemoveAsync(Id);
            }
        }
    }

    private async Task WriteAsync()
    {
        if (_ticksSinceWrite == 0 && Running)
        {
            return;
        }

        await stored.WriteStateAsync();
        _ticksSinceWrite = 0;
    }

    private async Task<SessionView> ViewAsync()
    {
        FeedView? feed = null;
        if (S.Source!.IsLive)
        {
            feed = await feeds.GetAsync(S.Source.FeedId);
        }

        return SessionViews.Build(Id, S, _engine!, feed, time.GetUtcNow());
    }

    private int Shard => FeedKeys.ShardOf(Id, options.Value.FanoutShards);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: journal has no entries {FromSeq}..{ToSeq}; they are lost to this session")]
    private static partial void LogJournalHole(ILogger logger, string sessionId, long fromSeq, long toSeq);
}
