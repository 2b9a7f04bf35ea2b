using System.Collections.Concurrent;
using Orleans.LiveSim.Cluster.Tests.Infrastructure;

namespace Orleans.LiveSim.Cluster.Tests;

/// <summary>
/// The only silo, carrying thousands of live sessions, is killed (-9) and a new one takes its place on a small
/// connection budget: its shards wake the sessions a few at a time, so none fails to activate, every one applies
/// ticks again on its own, and nothing is lost or doubled.
/// </summary>
public sealed class RecoveryTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const int SessionCount = 2000;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    // Ten connections for 2,000 sessions: six for sessions, two for the feed, two for membership. A silo that let every
    // activation take a connection at once would queue them in Npgsql's pool and fail those that wait longer than its
    // 'Timeout' (shortened here to 3 s). 5 ticks a second, a state write every 100: 100 writes a second in steady state.
    private static readonly string[] Budget =
    [
        "--LiveSim:Database:MaxConnections=10",
        "--LiveSim:Feeds:demo:TickIntervalMs=200",
        "--LiveSim:PersistEveryTicks=100",
        // Its sessions are created anonymously: more than the quota all anonymous callers share by default.
        $"--LiveSim:Quotas:Anonymous:RunningSessions={SessionCount}",
    ];

    [Fact]
    public async Task A_new_silo_resumes_two_thousand_sessions_after_a_kill_without_a_failed_activation()
    {
        var extra = Budget.Append($"--ConnectionStrings:LiveSim={cluster.ConnectionString};Timeout=3").ToArray();
        var silo = cluster.StartSilo(extra: extra);
        await silo.WaitReadyAsync();
        var sessions = new ConcurrentBag<CreatedSession>();
        await Parallel.ForEachAsync(Enumerable.Range(0, SessionCount), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, _) =>
            sessions.Add(await Sessions.CreateAsync(silo.Http)));
        var created = sessions.ToArray();
        await Poll.UntilAsync(() => silo.MetricAsync("livesim_session_ticks_total"), n => n >= SessionCount * 10, Deadline, "the sessions to apply ten ticks each on average");
        var feedAtKill = await FeedLastSeqAsync();

        await silo.KillAsync();
        var replacement = cluster.StartSilo(silo.HttpPort, silo.SiloPort, silo.GatewayPort, extra);
        await replacement.WaitReadyAsync();

        // No API call: the shards find the sessions in the index and wake them; each one backfills and applies a live batch.
        await Poll.UntilAsync(() => replacement.MetricAsync("livesim_sessions_caught_up_total"), n => n >= SessionCount, Deadline, $"{SessionCount} sessions to apply a live batch on the new silo");

        Assert.Equal(0, await replacement.MetricAsync("orleans_catalog_activation_failed_to_activate_total"));
        Assert.Equal(0, await replacement.MetricAsync("livesim_database_gave_up_total"));
        Assert.True(
            await replacement.MetricAsync("orleans_catalog_activation_created_total", "grain_type=\"session\"") >= SessionCount,
            "the silo exports Orleans' activation counters (so a failed activation would have been counted)");
        Assert.Equal(SessionCount, await replacement.MetricAsync("livesim_sessions_caught_up_total"));

        var views = new ConcurrentBag<(CreatedSession Session, System.Text.Json.JsonElement View)>();
        await Parallel.ForEachAsync(created, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (s, _) =>
            views.Add((s, await Sessions.GetAsync(replacement.Http, s))));
        foreach (var (session, view) in views)
        {
            Assert.Equal("running", Sessions.Status(view));
            Assert.True(Sessions.LastSeq(view) > feedAtKill, $"{session.Id}: lastSeq {Sessions.LastSeq(view)} is not past the feed's {feedAtKill} at the kill");
            Sessions.AssertConsistent(session, view);
        }
    }

    private async Task<long> FeedLastSeqAsync() =>
        (long)(await PostgresServer.QueryAsync(cluster.ConnectionString, "SELECT max(seq) FROM livesim_feed_journal WHERE feed_id = 'demo'"))[0][0]!;
}
