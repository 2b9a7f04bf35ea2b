using Microsoft.Extensions.DependencyInjection;
using Orleans.LiveSim.Abstractions;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Ledger;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.Storage;

namespace Orleans.LiveSim.Grains.Tests;

/// <summary>Pause, resume, the ledger and the catch-up of a live session from a past seq, through the session grain.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionHistoryGrainTests(ClusterFixture fixture)
{
    private const string Token = "hash-of-the-token";
    private static readonly Caller Owner = Caller.WithToken(Token);

    private static readonly SessionConfig Config = new(
        1m, TickScheduleStrategy.StrategyId, new StrategyParameters { EntryTick = 1, NumBets = 5, Cooldown = 0, BetSizes = [0.01m] }, SidebetRules.Default);

    [Fact]
    public async Task Pause_is_recorded_in_the_command_log_at_the_last_applied_seq_and_stored_at_once()
    {
        var (feedId, ticks) = Ticks(60);
        var session = await CreateAsync(new SessionSource(feedId, SessionMode.Live));
        await fixture.Journal.AppendAsync(feedId, ticks);
        await DeliverAsync(session, ticks[..30]);

        var paused = await session.PauseBettingAsync(Owner);
        var again = await session.PauseBettingAsync(Owner);
        var stranger = await session.PauseBettingAsync(Caller.WithToken("another"));

        Assert.Equal((SessionAccess.Ok, true), (paused.Access, paused.View!.Paused));
        Assert.True(again.View!.Paused);
        Assert.Equal(SessionAccess.Unauthorized, stranger.Access);
        var stored = await StoredAsync(session);
        Assert.Equal([SessionCommandKind.Pause], stored.Commands.Select(c => c.Kind));
        Assert.Equal(30, stored.Commands[0].AfterSeq);
        Assert.True(stored.Engine!.Paused);
        Assert.Equal(30, stored.Engine.LastSeq);

        await DeliverAsync(session, ticks[30..]);
        var resumed = await session.ResumeBettingAsync(Owner);
        await session.StopAsync(Owner);

        Assert.False(resumed.View!.Paused);
        Assert.Equal(SessionAccess.Conflict, (await session.PauseBettingAsync(Owner)).Access);
        Assert.Equal([(SessionCommandKind.Pause, 30L), (SessionCommandKind.Resume, 60L)], (await StoredAsync(session)).Commands.Select(c => (c.Kind, c.AfterSeq)));
    }

    [Fact]
    public async Task Opening_the_ledger_writes_what_the_session_held_back_and_needs_its_token()
    {
        var (feedId, ticks) = Ticks(45);
        var session = await CreateAsync(new SessionSource(feedId, SessionMode.Live));
        await fixture.Journal.AppendAsync(feedId, ticks);
        await DeliverAsync(session, ticks);
        var ledger = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<ISessionLedger>();
        var id = session.GetPrimaryKeyString();
        Assert.Empty(await ledger.ReadEntriesAsync(id, null, 0, 100));

        var reply = await session.OpenLedgerAsync(Owner);
        var denied = await session.OpenLedgerAsync(Caller.WithToken("another"));

        Assert.Equal((SessionAccess.Ok, 1m), (reply.Access, reply.StartingBalance));
        Assert.Equal(SessionAccess.Unauthorized, denied.Access);
        var rows = await ledger.ReadRowsAsync(id, LedgerFilter.All, 0, 100);
        Assert.Equal([(1L, LedgerOutcome.Lost), (2L, LedgerOutcome.Open)], rows.Select(r => (r.BetId!.Value, r.Outcome)));
        Assert.Equal(reply.EventSeq, (await session.GetAsync(Owner)).View!.EventSeq);
    }

    [Fact]
    public async Task A_live_session_from_a_past_seq_catches_up_from_the_journal_then_applies_batches_without_a_gap_or_a_double()
    {
        var (feedId, ticks) = Ticks(310);
        await fixture.Journal.AppendAsync(feedId, ticks[..300]);
        var session = await CreateAsync(new SessionSource(feedId, SessionMode.Live, FromSeq: 1));

        var caughtUp = await Poll.UntilAsync(() => session.GetAsync(Owner), r => r.View!.Connection.LastSeq == 300 && r.View.Mode == SessionMode.Live, "the session to read seq 1..300 and follow its feed");
        await fixture.Journal.AppendAsync(feedId, ticks[300..]);
        await session.OnFeedAsync(new FeedBatch(feedId, ticks[290..296]));
        await session.OnFeedAsync(new FeedBatch(feedId, ticks[305..]));

        var view = (await Poll.UntilAsync(() => session.GetAsync(Owner), r => r.View!.Connection.LastSeq == 310, "seq 301..310 backfilled and applied")).View!;
        Assert.Equal(new SessionSource(feedId, SessionMode.Live, FromSeq: 1), caughtUp.View!.Source);
        Assert.Equal(310, view.Stats.TicksProcessed);
        Assert.Equal(SessionMode.Live, view.Mode);
    }

    private static (string FeedId, FeedTick[] Ticks) Ticks(int count)
    {
        var feedId = $"history-{Guid.NewGuid():N}";
        // One round that rugs at tick 250: bets from tick 1, each loses after its 40 ticks.
        var ticks = Enumerable.Range(1, count)
            .Select(i => new FeedTick(feedId, i, "20260101-00000000000000aa", i - 1, 1m, i - 1 == 250 ? GamePhase.Rugged : GamePhase.Active, true, i - 1 == 250, DateTimeOffset.UnixEpoch.AddMilliseconds(250 * i)))
            .ToArray();
        return (feedId, ticks);
    }

    /// <summary>Creates a session; a live one starts after the journal's last seq, so its ticks are journaled afterwards.</summary>
    private async Task<ISessionGrain> CreateAsync(SessionSource source)
    {
        var session = fixture.Grains.GetGrain<ISessionGrain>(Guid.NewGuid().ToString("N"));
        var reply = await session.CreateAsync(new CreateSessionCommand(Config, source, Token, DateTimeOffset.UnixEpoch));
        Assert.Equal(SessionAccess.Ok, reply.Access);
        return session;
    }

    private static async Task DeliverAsync(ISessionGrain session, FeedTick[] batch)
    {
        await session.OnFeedAsync(new FeedBatch(batch[0].FeedId, batch));
        await Poll.UntilAsync(() => session.GetAsync(Owner), r => r.View!.Connection.LastSeq == batch[^1].Seq, $"seq {batch[^1].Seq} applied");
    }

    private async Task<StoredSession> StoredAsync(ISessionGrain session)
    {
        var storage = fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(LiveSimConstants.StorageName);
        var state = new GrainState<StoredSession>();
        await storage.ReadStateAsync("session", session.GetGrainId(), state);
        return state.State!;
    }
}
