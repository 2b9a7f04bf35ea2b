using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Grains.Tests;

/// <summary>
/// A replay at <c>max</c> in this cluster applies 25 entries a grain turn and writes its state every 40 entries. The journal
/// holds its reads after seq 100, so the replay is caught running at a known entry whatever the machine's speed.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ReplayAtMaxSpeedTests(ClusterFixture fixture)
{
    private const string Token = "hash-of-the-token";
    private const int Entries = 200;
    private const int HeldAfter = 100;
    private static readonly Caller Owner = Caller.WithToken(Token);

    private static readonly SessionConfig Betting = new(
        1m,
        TickScheduleStrategy.StrategyId,
        new StrategyParameters { EntryTick = 5, NumBets = 2, Cooldown = 0, BetSizes = [0.01m] },
        SidebetRules.Default);

    [Fact]
    public async Task A_running_replay_answers_reads_between_batches_and_has_written_its_state_at_every_40th_entry_only()
    {
        var (session, release) = await StartHeldReplayAsync();
        try
        {
            var running = await RunningAtHeldSeqAsync(session);

            Assert.Equal(SessionStatus.Running, running.Status);
            var stored = await fixture.StoredAsync(session);
            // Batches end at 25, 50, 75 and 100; writes fall at 40 and 80, inside batches.
            Assert.Equal(80, stored.Engine!.LastSeq);
            Assert.Equal(SessionStatus.Running, stored.Engine.Status);
        }
        finally
        {
            release();
        }
    }

    [Fact]
    public async Task Stop_while_a_replay_runs_answers_at_once_stops_it_where_it_was_and_writes_that_state()
    {
        var (session, release) = await StartHeldReplayAsync();
        try
        {
            var running = await RunningAtHeldSeqAsync(session);

            var stopped = (await session.StopAsync(Owner)).View!;

            Assert.Equal(SessionStatus.Stopped, stopped.Status);
            Assert.Equal("stopped_by_user", stopped.StatusReason);
            Assert.Equal(HeldAfter, stopped.Connection.LastSeq);
            Assert.Equal(running.Stats.BetsPlaced, stopped.Stats.BetsPlaced);
            var stored = await fixture.StoredAsync(session);
            Assert.Equal(HeldAfter, stored.Engine!.LastSeq);
            Assert.Equal(SessionStatus.Stopped, stored.Engine.Status);
        }
        finally
        {
            release();
        }

        // The read that was held comes back to a stopped session: nothing more is applied.
        var after = (await session.GetAsync(Owner)).View!;
        Assert.Equal(SessionStatus.Stopped, after.Status);
        Assert.Equal(HeldAfter, after.Connection.LastSeq);
    }

    [Fact]
    public async Task A_replay_released_after_a_held_read_completes_with_the_state_hash_of_the_engine_applying_every_entry()
    {
        var (session, release) = await StartHeldReplayAsync();
        await RunningAtHeldSeqAsync(session);

        release();
        var done = (await Poll.UntilAsync(() => session.GetAsync(Owner), r => r.View!.Status == SessionStatus.Completed, "the replay to complete")).View!;

        var engine = new SessionEngine(Betting, SessionEngine.NewState(Betting, 0));
        foreach (var tick in Ticks(FeedOf(session)))
        {
            engine.Apply(tick, []);
        }

        engine.Complete("replay_finished", []);
        Assert.Equal("replay_finished", done.StatusReason);
        Assert.Equal(Entries, done.Connection.LastSeq);
        Assert.Equal(Entries, done.Stats.TicksProcessed);
        Assert.True(engine.State.Stats.BetsPlaced > 0, "the strategy bets in these rounds");
        Assert.Equal(engine.State.Stats.BetsPlaced, done.Stats.BetsPlaced);
        Assert.Equal(engine.StateHash, done.StateHash);
        var stored = await fixture.StoredAsync(session);
        Assert.Equal(Entries, stored.Engine!.LastSeq);
        Assert.Equal(SessionStatus.Completed, stored.Engine.Status);
    }

    private async Task<(ISessionGrain Session, Action Release)> StartHeldReplayAsync()
    {
        var id = Guid.NewGuid().ToString("N");
        var feedId = $"held-{id}";
        await fixture.Journal.AppendAsync(feedId, Ticks(feedId));
        var release = fixture.HeldJournal.Hold(feedId, HeldAfter);
        var session = fixture.Grains.GetGrain<ISessionGrain>(id);
        await session.CreateAsync(new CreateSessionCommand(Betting, new SessionSource(feedId, SessionMode.Replay, 1, Entries, ReplaySpeed.Max), Token, DateTimeOffset.UnixEpoch));
        return (session, release);
    }

    private static async Task<SessionView> RunningAtHeldSeqAsync(ISessionGrain session) =>
        (await Poll.UntilAsync(() => session.GetAsync(Owner), r => r.View!.Connection.LastSeq == HeldAfter, $"the replay to reach seq {HeldAfter}")).View!;

    private static string FeedOf(ISessionGrain session) => $"held-{session.GetPrimaryKeyString()}";

    // Four rounds of 50 entries, each rugged at its last entry.
    private static FeedTick[] Ticks(string feedId) =>
        Enumerable.Range(1, Entries)
            .Select(i =>
            {
                var (round, tick) = Math.DivRem(i - 1, 50);
                var rug = tick == 49;
                return new FeedTick(feedId, i, $"20260101-{round + 16:x16}", tick, 1m + (tick / 100m), rug ? GamePhase.Rugged : GamePhase.Active, true, rug, DateTimeOffset.UnixEpoch.AddMilliseconds(250 * i));
            })
            .ToArray();
}
