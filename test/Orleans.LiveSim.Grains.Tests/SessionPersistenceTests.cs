using Microsoft.Extensions.DependencyInjection;
using Orleans.LiveSim.Abstractions;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.Storage;

namespace Orleans.LiveSim.Grains.Tests;

/// <summary>
/// How often a session writes its state (<c>LiveSim:PersistEveryTicks</c>, 50 in this cluster), counted in applied ticks,
/// not time: read back from the grain storage after each step.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionPersistenceTests(ClusterFixture fixture)
{
    private const string Token = "hash-of-the-token";
    private static readonly Caller Owner = Caller.WithToken(Token);

    private static readonly SessionConfig Config = new(1m, TickScheduleStrategy.StrategyId, new StrategyParameters { EntryTick = 1000 }, SidebetRules.Default);

    [Fact]
    public async Task A_running_session_stores_its_state_on_creation_every_50th_applied_tick_and_when_it_stops()
    {
        var feedId = $"cadence-{Guid.NewGuid():N}";
        var ticks = Enumerable.Range(1, 130)
            .Select(i => new FeedTick(feedId, i, "20260101-000000000000000c", i - 1, 1m, GamePhase.Active, true, false, DateTimeOffset.UnixEpoch.AddMilliseconds(250 * i)))
            .ToArray();
        var session = fixture.Grains.GetGrain<ISessionGrain>(Guid.NewGuid().ToString("N"));
        await session.CreateAsync(new CreateSessionCommand(Config, new SessionSource(feedId, SessionMode.Live), Token, DateTimeOffset.UnixEpoch));
        await fixture.Journal.AppendAsync(feedId, ticks);
        Assert.Equal(0, (await fixture.StoredAsync(session)).Engine!.LastSeq);

        await DeliverAsync(session, ticks[..49]);
        Assert.Equal(0, (await fixture.StoredAsync(session)).Engine!.LastSeq);

        await DeliverAsync(session, ticks[49..50]);
        Assert.Equal(50, (await fixture.StoredAsync(session)).Engine!.LastSeq);

        foreach (var tick in ticks[50..])
        {
            await DeliverAsync(session, [tick]);
        }

        var stored = await fixture.StoredAsync(session);
        Assert.Equal(100, stored.Engine!.LastSeq);
        Assert.Equal(100, stored.Engine.Stats.TicksProcessed);

        await session.StopAsync(Owner);
        stored = await fixture.StoredAsync(session);
        Assert.Equal(130, stored.Engine!.LastSeq);
        Assert.Equal(SessionStatus.Stopped, stored.Engine.Status);
        Assert.Equal(StoredSession.CurrentVersion, stored.SchemaVersion);
    }

    private static async Task DeliverAsync(ISessionGrain session, FeedTick[] batch)
    {
        await session.OnFeedAsync(new FeedBatch(batch[0].FeedId, batch));
        await Poll.UntilAsync(() => session.GetAsync(Owner), r => r.View!.Connection.LastSeq == batch[^1].Seq, $"seq {batch[^1].Seq} applied");
    }
}
