using Orleans.LiveSim.Cluster.Tests.Infrastructure;

namespace Orleans.LiveSim.Cluster.Tests;

/// <summary>Two silos in one cluster; one is killed mid-round; the survivor carries every session on, exactly.</summary>
public sealed class CrashTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const int SessionCount = 20;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Killing_one_silo_mid_round_loses_and_doubles_nothing_in_the_wallets_and_the_ledgers()
    {
        var survivor = cluster.StartSilo();
        await survivor.WaitReadyAsync();
        var victim = cluster.StartSilo();
        await victim.WaitReadyAsync();

        // Orleans places each session where it sees fit: create through both silos until the victim hosts several.
        var sessions = new List<CreatedSession>();
        var hostedOnVictim = 0;
        for (var i = 0; (i < SessionCount || hostedOnVictim < 3) && i < 100; i++)
        {
            var created = await Sessions.CreateAsync(i % 2 == 0 ? survivor.Http : victim.Http);
            sessions.Add(created);
            hostedOnVictim += HostPort(await Sessions.GetAsync(survivor.Http, created)) == victim.SiloPort ? 1 : 0;
        }

        // Mid-round: bets are open.
        await Poll.UntilAsync(
            async () => (await Task.WhenAll(sessions.Select(s => Sessions.GetAsync(survivor.Http, s)))).Sum(v => v.GetProperty("activeBets").GetArrayLength()),
            open => open >= sessions.Count / 2,
            Deadline,
            "open bets in at least half of the sessions");
        var beforeKill = await Task.WhenAll(sessions.Select(s => Sessions.GetAsync(survivor.Http, s)));
        var atKill = beforeKill.Select(Sessions.LastSeq).ToArray();
        var onVictim = beforeKill.Count(v => HostPort(v) == victim.SiloPort);
        Assert.True(onVictim > 0, "no session ran on the silo about to be killed");

        await victim.KillAsync();

        // Every session answers through the survivor within seconds and keeps advancing past where it was.
        var views = await Poll.UntilAsync(
            () => Task.WhenAll(sessions.Select(s => Sessions.GetAsync(survivor.Http, s))),
            vs => vs.Select((v, i) => Sessions.LastSeq(v) > atKill[i] + 40).All(x => x)
                && vs.Sum(v => Sessions.Stat(v, "betsWon") + Sessions.Stat(v, "betsLost")) > 0,
            Deadline,
            "every session to answer through the survivor, advance 40 seqs past the kill, and bets to settle again");

        for (var i = 0; i < sessions.Count; i++)
        {
            Assert.Equal("running", Sessions.Status(views[i]));
            Sessions.AssertConsistent(sessions[i], views[i]);
        }

        Assert.True(views.Sum(v => Sessions.Stat(v, "betsWon") + Sessions.Stat(v, "betsLost")) > 0, "bets were settled");
        Assert.All(views, v => Assert.Equal(survivor.SiloPort, HostPort(v)));

        // The ledger audit: every session's ledger in PostgreSQL, written before each state write and again by the replay
        // after the kill, has each bet once and adds up to its wallet. Stopped first, so view and ledger are the same moment.
        foreach (var session in sessions)
        {
            var final = await Sessions.StopAsync(survivor.Http, session);
            Sessions.AssertLedger(session, final, await Sessions.BetsAsync(survivor.Http, session));
        }
    }

    // The view's host is the silo's runtime identity, "S<ip>:<port>:<generation>".
    private static int HostPort(System.Text.Json.JsonElement view) =>
        int.Parse(view.GetProperty("host").GetString()!.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
}
