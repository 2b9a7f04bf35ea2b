using Orleans.LiveSim.Cluster.Tests.Infrastructure;

namespace Orleans.LiveSim.Cluster.Tests;

/// <summary>A silo process stopped and started again: sessions come back from PostgreSQL as they were.</summary>
public sealed class RestartTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Sessions_survive_a_silo_restart_and_resume_without_any_api_call()
    {
        var silo = cluster.StartSilo();
        await silo.WaitReadyAsync();
        var live = await Sessions.CreateAsync(silo.Http);
        var stopped = await Sessions.CreateAsync(silo.Http);
        var before = await Poll.UntilAsync(() => Sessions.GetAsync(silo.Http, live), v => Sessions.Stat(v, "ticksProcessed") >= 60, Deadline, "the live session to process 60 ticks");
        var stoppedView = await Sessions.StopAsync(silo.Http, stopped);
        // A slow replay of what the feed journaled so far: still running when the silo stops.
        var replay = await Sessions.CreateAsync(silo.Http, $$$"""{"source":{"fromSeq":1,"toSeq":{{{Sessions.LastSeq(before)}}},"speed":0.25}}""");
        await Poll.UntilAsync(() => Sessions.GetAsync(silo.Http, replay), v => Sessions.Stat(v, "ticksProcessed") >= 25, Deadline, "the replay to process 25 ticks");

        Assert.Equal(0, await silo.StopAsync());
        var versions = await SessionVersionsAsync();

        var restarted = cluster.StartSilo(silo.HttpPort, silo.SiloPort, silo.GatewayPort);
        await restarted.WaitReadyAsync();
        // No API call yet: the live session (through its feed's shard) and the replay (through the start-up resumer)
        // must both write new state on their own; the stopped one must not.
        var advanced = await Poll.UntilAsync(
            async () => (await SessionVersionsAsync()).Count(kv => versions.TryGetValue(kv.Key, out var v) && kv.Value > v),
            count => count >= 2,
            Deadline,
            "the live and the replay session to persist new state after the restart, before any API call");
        Assert.Equal(2, advanced);

        var after = await Poll.UntilAsync(
            () => Sessions.GetAsync(restarted.Http, live),
            v => Sessions.Stat(v, "ticksProcessed") > Sessions.Stat(before, "ticksProcessed") + 20,
            Deadline,
            "the live session to keep advancing after the restart");
        Assert.Equal("running", Sessions.Status(after));
        Assert.Equal(live.Id, after.GetProperty("id").GetString());
        Sessions.AssertConsistent(live, after);

        var stoppedAfter = await Sessions.GetAsync(restarted.Http, stopped);
        Assert.Equal("stopped", Sessions.Status(stoppedAfter));
        Assert.Equal(Sessions.Stat(stoppedView, "ticksProcessed"), Sessions.Stat(stoppedAfter, "ticksProcessed"));
        Assert.Equal(Sessions.LastSeq(stoppedView), Sessions.LastSeq(stoppedAfter));

        var replayAfter = await Sessions.GetAsync(restarted.Http, replay);
        Assert.Contains(Sessions.Status(replayAfter), new[] { "running", "completed" });
        Assert.True(Sessions.LastSeq(replayAfter) > 25, $"the replay resumed: lastSeq {Sessions.LastSeq(replayAfter)}");
    }

    private async Task<Dictionary<(long, long), int>> SessionVersionsAsync() =>
        (await PostgresServer.QueryAsync(cluster.ConnectionString, "SELECT grainidn0, grainidn1, version FROM orleansstorage WHERE graintypestring = 'session'"))
            .ToDictionary(r => ((long)r[0]!, (long)r[1]!), r => (int)r[2]!);
}
