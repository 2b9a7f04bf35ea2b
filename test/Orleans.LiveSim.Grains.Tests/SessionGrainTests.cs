using Microsoft.Extensions.DependencyInjection;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SessionGrainTests(ClusterFixture fixture)
{
    private const string Token = "hash-of-the-token";
    private static readonly Caller Owner = Caller.WithToken(Token);

    /// <summary>Bets from tick 1, three back to back (shared with <see cref="ScaleOutTests"/>).</summary>
    internal static readonly SessionConfig Betting = new(
        1m,
        TickScheduleStrategy.StrategyId,
        new StrategyParameters { EntryTick = 1, NumBets = 3, Cooldown = 0, BetSizes = [0.01m] },
        SidebetRules.Default);

    [Fact]
    public async Task Live_session_follows_its_feed_and_its_wallet_is_what_the_engine_computes_from_the_journal()
    {
        await fixture.Grains.GetGrain<IFeedAdapterGrain>("fast").EnsureRunningAsync();
        var session = fixture.Grains.GetGrain<ISessionGrain>(NewId());
        var created = await session.CreateAsync(new CreateSessionCommand(Betting, new SessionSource("fast", SessionMode.Live), Token, DateTimeOffset.UnixEpoch));
        var startSeq = created.View!.Connection.LastSeq;

        await Poll.UntilAsync(() => session.GetAsync(Owner), r => r.View!.Stats.BetsWon + r.View.Stats.BetsLost >= 3, "three settled bets");
        var final = (await session.StopAsync(Owner)).View!;

        var engine = await ReplayJournalAsync("fast", startSeq, final.Connection.LastSeq, e => e.Stop("stopped_by_user", []));
        Assert.Equal(SessionStatus.Stopped, final.Status);
        Assert.True(final.Stats.TicksProcessed > 0);
        Assert.Equal(engine.State.Balance, final.Wallet.Balance);
        Assert.Equal(engine.State.Stats.BetsPlaced, final.Stats.BetsPlaced);
        Assert.Equal(engine.StateHash, final.StateHash);
        Assert.Equal(final.Wallet.StartingBalance + final.Stats.NetPnl, final.Wallet.Balance + final.Wallet.InBets);
        Assert.NotEqual(1m, final.Wallet.Balance);
    }

    [Fact]
    public async Task Replay_of_a_journal_range_completes_with_the_same_state_hash_as_the_live_session_that_saw_it()
    {
        await fixture.Grains.GetGrain<IFeedAdapterGrain>("fast").EnsureRunningAsync();
        var live = fixture.Grains.GetGrain<ISessionGrain>(NewId());
        var startSeq = (await live.CreateAsync(new CreateSessionCommand(Betting, new SessionSource("fast", SessionMode.Live), Token, DateTimeOffset.UnixEpoch))).View!.Connection.LastSeq;
        await Poll.UntilAsync(() => live.GetAsync(Owner), r => r.View!.Stats.BetsWon + r.View.Stats.BetsLost >= 2, "two settled bets");
        var liveView = (await live.StopAsync(Owner)).View!;

        var replay = fixture.Grains.GetGrain<ISessionGrain>(NewId());
        var source = new SessionSource("fast", SessionMode.Replay, startSeq + 1, liveView.Connection.LastSeq, ReplaySpeed.Max);
        await replay.CreateAsync(new CreateSessionCommand(Betting, source, Token, DateTimeOffset.UnixEpoch));
        var replayView = (await Poll.UntilAsync(() => replay.GetAsync(Owner), r => r.View!.Status == SessionStatus.Completed, "the replay to complete")).View!;

        Assert.Equal("replay_finished", replayView.StatusReason);
        Assert.Equal(SessionMode.Replay, replayView.Mode);
        Assert.Equal(liveView.Connection.LastSeq, replayView.Connection.LastSeq);
        Assert.Equal(liveView.Stats.TicksProcessed, replayView.Stats.TicksProcessed);
        Assert.Equal(liveView.Stats.BetsPlaced, replayView.Stats.BetsPlaced);
        Assert.Equal(liveView.Stats.NetPnl, replayView.Stats.NetPnl);
        Assert.Equal(liveView.Wallet.Balance, replayView.Wallet.Balance);
        Assert.Equal(liveView.StateHash, replayView.StateHash);
        var engine = await ReplayJournalAsync("fast", startSeq, liveView.Connection.LastSeq, e => e.Complete("replay_finished", []));
        Assert.Equal(engine.StateHash, replayView.StateHash);
    }

    [Fact]
    public async Task Redelivered_ticks_apply_once_and_a_hole_is_backfilled_from_the_journal()
    {
        var feedId = $"manual-{NewId()}";
        var ticks = Enumerable.Range(1, 10)
            .Select(i => new FeedTick(feedId, i, "20260101-0000000000000001", i - 1, 1m + (i / 100m), GamePhase.Active, true, false, DateTimeOffset.UnixEpoch.AddMilliseconds(250 * i)))
            .ToArray();
        await fixture.Journal.AppendAsync(feedId, ticks);
        var session = fixture.Grains.GetGrain<ISessionGrain>(NewId());
        var created = await session.CreateAsync(new CreateSessionCommand(Betting, new SessionSource(feedId, SessionMode.Live), Token, DateTimeOffset.UnixEpoch));
        Assert.Equal(10, created.View!.Connection.LastSeq);

        // A session created at seq 10 starts after it: feed it a later round, with a repeat and a hole.
        var later = Enumerable.Range(11, 10)
            .Select(i => new FeedTick(feedId, i, "20260101-0000000000000002", i - 11, 1m, GamePhase.Active, true, false, DateTimeOffset.UnixEpoch.AddMilliseconds(250 * i)))
            .ToArray();
        await fixture.Journal.AppendAsync(feedId, later);
        await session.OnFeedAsync(new FeedBatch(feedId, later[..5]));
        await session.OnFeedAsync(new FeedBatch(feedId, later[..5]));
        await session.OnFeedAsync(new FeedBatch(feedId, later[7..]));

        var view = (await Poll.UntilAsync(() => session.GetAsync(Owner), r => r.View!.Connection.LastSeq == 20, "seq 20 applied")).View!;
        Assert.Equal(10, view.Stats.TicksProcessed);
        Assert.Equal(1, view.Stats.GamesSeen);
        Assert.Equal(1, view.Stats.BetsPlaced);
        Assert.Equal(0.99m, view.Wallet.Balance);
    }

    [Fact]
    public async Task A_paced_replay_ends_in_the_same_state_as_a_replay_at_max_speed()
    {
        var feedId = $"paced-{NewId()}";
        var ticks = Enumerable.Range(1, 60)
            .Select(i => new FeedTick(feedId, i, "20260101-0000000000000004", i - 1, 1m + (i / 1000m), i == 60 ? GamePhase.Rugged : GamePhase.Active, true, i == 60, DateTimeOffset.UnixEpoch.AddMilliseconds(250 * i)))
            .ToArray();
        await fixture.Journal.AppendAsync(feedId, ticks);

        async Task<SessionView> ReplayAsync(string speed)
        {
            var session = fixture.Grains.GetGrain<ISessionGrain>(NewId());
            await session.CreateAsync(new CreateSessionCommand(Betting, new SessionSource(feedId, SessionMode.Replay, 1, 60, ReplaySpeed.TryParse(speed, out var parsed) ? parsed : throw new ArgumentException(speed)), Token, DateTimeOffset.UnixEpoch));
            return (await Poll.UntilAsync(() => session.GetAsync(Owner), r => r.View!.Status == SessionStatus.Completed, $"the replay at {speed} to complete")).View!;
        }

        var max = await ReplayAsync("max");
        var paced = await ReplayAsync("50");

        Assert.Equal(60, paced.Stats.TicksProcessed);
        Assert.Equal(2, max.Stats.BetsPlaced);
        Assert.Equal(max.StateHash, paced.StateHash);
        Assert.Equal(max.Wallet.Balance, paced.Wallet.Balance);
    }

    [Fact]
    public async Task Unknown_sessions_are_not_found_wrong_tokens_are_refused_and_ids_are_not_reused()
    {
        var session = fixture.Grains.GetGrain<ISessionGrain>(NewId());
        Assert.Equal(SessionAccess.NotFound, (await session.GetAsync(Owner)).Access);

        var command = new CreateSessionCommand(Betting, new SessionSource("fast", SessionMode.Live), Token, DateTimeOffset.UnixEpoch);
        Assert.Equal(SessionAccess.Ok, (await session.CreateAsync(command)).Access);
        Assert.Equal(SessionAccess.Conflict, (await session.CreateAsync(command)).Access);
        Assert.Equal(SessionAccess.Unauthorized, (await session.GetAsync(Caller.WithToken("another-hash"))).Access);
        Assert.Equal(SessionAccess.Unauthorized, (await session.StopAsync(Caller.WithToken(""))).Access);
        Assert.Equal(SessionStatus.Running, (await session.GetAsync(Owner)).View!.Status);
        Assert.Equal(SessionStatus.Stopped, (await session.StopAsync(Owner)).View!.Status);
        Assert.Equal(SessionStatus.Stopped, (await session.StopAsync(Owner)).View!.Status);
    }

    [Fact]
    public async Task The_owner_account_and_the_operator_control_a_session_another_account_has_no_access()
    {
        var session = fixture.Grains.GetGrain<ISessionGrain>(NewId());
        var command = new CreateSessionCommand(Betting, new SessionSource("fast", SessionMode.Live), Token, DateTimeOffset.UnixEpoch, OwnerAccountId: "acct-1");
        Assert.Equal(SessionAccess.Ok, (await session.CreateAsync(command)).Access);

        Assert.Equal(SessionAccess.Unauthorized, (await session.GetAsync(new Caller("acct-2", ""))).Access);
        Assert.Equal(SessionAccess.Unauthorized, (await session.StopAsync(new Caller("acct-2", ""))).Access);
        Assert.Equal(SessionAccess.Ok, (await session.GetAsync(new Caller(null, "", IsOperator: true))).Access);
        Assert.Equal(SessionStatus.Running, (await session.GetAsync(new Caller("acct-1", ""))).View!.Status);
        Assert.Equal(SessionStatus.Stopped, (await session.StopAsync(new Caller("acct-1", ""))).View!.Status);
    }

    [Fact]
    public async Task A_shard_entry_for_a_session_that_does_not_exist_is_dropped_when_the_shard_wakes_it()
    {
        var feedId = $"ghost-{NewId()}";
        var ghost = NewId();
        var index = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<Orleans.LiveSim.Abstractions.Ports.ISessionIndex>();
        var shardNo = FeedKeys.ShardOf(ghost, ShardCount);
        await index.AddAsync(ghost, feedId, shardNo);
        Assert.Equal([ghost], await index.ListAsync(feedId, shardNo));

        // The shard activates, lists the ghost and wakes it: the ghost answers that it is not running and drops its entry.
        var shard = fixture.Grains.GetGrain<IFeedShardGrain>(FeedKeys.Shard(feedId, shardNo));
        await Poll.UntilAsync(() => shard.CountAsync(), n => n == 0, "the ghost to leave the shard");
        Assert.Empty(await index.ListAsync(feedId, shardNo));
    }

    [Fact]
    public async Task Sessions_that_stay_active_keep_their_ticks_while_their_registry_shards_restart()
    {
        var feedId = $"moved-{NewId()}";
        await fixture.Journal.AppendAsync(feedId, Round(feedId, 1, 5));
        var sessions = Enumerable.Range(0, 6).Select(_ => fixture.Grains.GetGrain<ISessionGrain>(NewId())).ToArray();
        foreach (var session in sessions)
        {
            await session.CreateAsync(new CreateSessionCommand(Betting, new SessionSource(feedId, SessionMode.Live), Token, DateTimeOffset.UnixEpoch));
        }

        // The registry shards restart (as on another silo after a crash) while the sessions stay active.
        var byShard = sessions.GroupBy(s => FeedKeys.Shard(feedId, FeedKeys.ShardOf(s.GetPrimaryKeyString(), ShardCount)))
            .ToDictionary(g => fixture.Grains.GetGrain<IFeedShardGrain>(g.Key), g => g.Count());
        foreach (var shard in byShard.Keys)
        {
            await shard.Cast<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
        }

        // Back from the index, each shard wakes its sessions, which answer from where they run.
        foreach (var (shard, count) in byShard)
        {
            Assert.Equal(count, await shard.CountAsync());
        }

        var next = Round(feedId, 6, 5);
        await fixture.Journal.AppendAsync(feedId, next);
        var silo = fixture.Cluster.Silos[0].SiloAddress;
        await fixture.Grains.GetGrain<IFeedHubGrain>(FeedKeys.Hub(silo, feedId)).DeliverAsync(new FeedBatch(feedId, next));
        var views = await Poll.UntilAsync(
            () => Task.WhenAll(sessions.Select(s => s.GetAsync(Owner))),
            vs => vs.All(v => v.View!.Connection.LastSeq == 10),
            "every session to apply seq 10 from its silo's fan-out");

        Assert.All(views, v => Assert.Equal(5, v.View!.Stats.TicksProcessed));
        var stats = await fixture.Grains.GetGrain<IFeedHubGrain>(FeedKeys.Hub(silo, feedId)).StatsAsync();
        Assert.Equal(sessions.Select(s => s.GetPrimaryKeyString()).Order(StringComparer.Ordinal), stats.Sessions);
        Assert.True(stats.OnItsSilo);
    }

    private static FeedTick[] Round(string feedId, long firstSeq, int count) =>
        Enumerable.Range(0, count)
            .Select(i => new FeedTick(feedId, firstSeq + i, "20260101-0000000000000009", (int)(firstSeq + i - 1), 1m, GamePhase.Active, true, false, DateTimeOffset.UnixEpoch.AddMilliseconds(250 * (firstSeq + i))))
            .ToArray();

    private int ShardCount => fixture.Cluster.GetSiloServiceProvider().GetRequiredService<Microsoft.Extensions.Options.IOptions<Hosting.LiveSimOptions>>().Value.FanoutShards;

    private static string NewId() => Guid.NewGuid().ToString("N");

    private async Task<SessionEngine> ReplayJournalAsync(string feedId, long afterSeq, long toSeq, Action<SessionEngine> end)
    {
        var engine = new SessionEngine(Betting, SessionEngine.NewState(Betting, afterSeq));
        foreach (var tick in await fixture.Journal.ReadAsync(feedId, afterSeq + 1, toSeq, int.MaxValue))
        {
            engine.Apply(tick, []);
        }

        end(engine);
        return engine;
    }
}
