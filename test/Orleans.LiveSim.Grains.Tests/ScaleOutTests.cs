using System.Diagnostics.Metrics;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.Runtime.Placement;

namespace Orleans.LiveSim.Grains.Tests;

/// <summary>
/// Two silos: each batch crosses the network once per silo and each silo's fan-out calls only the sessions running
/// there; a session that moves silos registers where it runs now and applies every tick exactly once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ScaleOutTests(TwoSiloFixture fixture) : IClassFixture<TwoSiloFixture>
{
    private const string Token = "hash-of-the-token";
    private const int PerSilo = 50;
    private static readonly Caller Owner = Caller.WithToken(Token);

    private static readonly SessionConfig Betting = SessionGrainTests.Betting;

    private SiloAddress[] Silos => fixture.Cluster.Silos.Select(s => s.SiloAddress).ToArray();

    [Fact]
    public async Task Each_silo_receives_a_batch_once_and_calls_only_the_sessions_running_on_it()
    {
        await fixture.Grains.GetGrain<IFeedAdapterGrain>(TwoSiloFixture.FeedId).EnsureRunningAsync();
        var placed = new Dictionary<SiloAddress, List<string>>();
        foreach (var silo in Silos)
        {
            placed[silo] = [];
            for (var i = 0; i < PerSilo; i++)
            {
                placed[silo].Add((await CreateOnAsync(silo)).Id);
            }
        }

        // Every silo's fan-out lists exactly the sessions running there (of this test's; another test's may run too).
        var all = placed.Values.SelectMany(ids => ids).ToHashSet(StringComparer.Ordinal);
        foreach (var silo in Silos)
        {
            var stats = await Poll.UntilAsync(() => Hub(silo).StatsAsync(), s => s.Batches > 0, $"silo {silo} to receive batches");
            Assert.True(stats.OnItsSilo, $"the fan-out of {silo} runs on {stats.Silo}");
            Assert.Equal(placed[silo].Order(StringComparer.Ordinal), stats.Sessions.Where(all.Contains));
        }

        // Over 100 batches: the network carries a batch to the other silo once, not once per session there.
        using var network = new NetworkMessages();
        var first = await Task.WhenAll(Silos.Select(s => Hub(s).StatsAsync()));
        var sent = network.Count;
        var last = await Poll.UntilAsync(
            () => Task.WhenAll(Silos.Select(s => Hub(s).StatsAsync())),
            now => now.Select((s, i) => s.Batches - first[i].Batches).Min() >= 100,
            "both silos to receive 100 more batches");
        var messages = network.Count - sent;
        var batches = last.Select((s, i) => s.Batches - first[i].Batches).Min();
        Assert.True(messages >= batches, $"{messages} network messages for {batches} batches: the router's batch to the other silo is not counted");
        Assert.True(messages < batches * PerSilo / 5, $"{messages} network messages for {batches} batches with {PerSilo} sessions a silo: ticks reach sessions by calls across silos");
    }

    [Fact]
    public async Task A_session_moved_to_the_other_silo_keeps_applying_every_tick_exactly_once()
    {
        await fixture.Grains.GetGrain<IFeedAdapterGrain>(TwoSiloFixture.FeedId).EnsureRunningAsync();
        var (from, to) = (Silos[0], Silos[1]);
        var (id, startSeq) = await CreateOnAsync(from);
        var session = fixture.Grains.GetGrain<ISessionGrain>(id);
        var beforeMove = (await Poll.UntilAsync(() => session.GetAsync(Owner), r => r.View!.Stats.TicksProcessed >= 20, "20 ticks before the move")).View!;
        Assert.Equal(from.ToString(), beforeMove.Host);

        RequestContext.Set(IPlacementDirector.PlacementHintKey, to);
        await session.Cast<Orleans.Core.Internal.IGrainManagementExtension>().MigrateOnIdle();
        RequestContext.Clear();

        var moved = (await Poll.UntilAsync(
            () => session.GetAsync(Owner),
            r => r.View!.Host == to.ToString() && r.View.Connection.LastSeq > beforeMove.Connection.LastSeq + 50,
            $"the session to run on {to} and apply 50 more ticks")).View!;
        Assert.DoesNotContain(id, (await Hub(from).StatsAsync()).Sessions);
        Assert.Contains(id, (await Hub(to).StatsAsync()).Sessions);

        // Every seq since creation applied once, and the state is the engine's over the journal, byte for byte.
        Assert.Equal(0, moved.Stats.FeedGaps);
        Assert.Equal(moved.Connection.LastSeq - startSeq, moved.Stats.TicksProcessed);
        var engine = new SessionEngine(Betting, SessionEngine.NewState(Betting, startSeq));
        foreach (var tick in await fixture.Journal.ReadAsync(TwoSiloFixture.FeedId, startSeq + 1, moved.Connection.LastSeq, int.MaxValue))
        {
            engine.Apply(tick, []);
        }

        Assert.Equal(engine.StateHash, moved.StateHash);
    }

    private IFeedHubGrain Hub(SiloAddress silo) => fixture.Grains.GetGrain<IFeedHubGrain>(FeedKeys.Hub(silo, TwoSiloFixture.FeedId));

    private async Task<(string Id, long StartSeq)> CreateOnAsync(SiloAddress silo)
    {
        var id = Guid.NewGuid().ToString("N");
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            var created = await fixture.Grains.GetGrain<ISessionGrain>(id).CreateAsync(new CreateSessionCommand(Betting, new SessionSource(TwoSiloFixture.FeedId, SessionMode.Live), Token, DateTimeOffset.UnixEpoch));
            Assert.Equal(silo.ToString(), created.View!.Host);
            return (id, created.View.Connection.LastSeq);
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    /// <summary>Messages Orleans sent over a connection (silo to silo, client to gateway), as its own metric counts them.</summary>
    private sealed class NetworkMessages : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public NetworkMessages()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "orleans-messaging-sent-messages-size")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<int>((_, _, _, _) => Interlocked.Increment(ref _count));
            _listener.SetMeasurementEventCallback<long>((_, _, _, _) => Interlocked.Increment(ref _count));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
