using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Orleans.LiveSim.Cluster.Tests.Infrastructure;

namespace Orleans.LiveSim.Cluster.Tests;

/// <summary>Two silos publishing session events to JetStream; one is killed with kill -9; the bus ends with every event exactly once.</summary>
public sealed class BusCrashTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const int SessionCount = 8;
    private const string AllTypes = """{"events":["live_tick","game_started","game_ended","bet_placed","bet_settled","bet_skipped","feed_gap","session_stopped"]}""";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [NatsFact]
    public async Task Killing_a_silo_mid_session_leaves_no_duplicate_and_no_hole_on_the_bus()
    {
        var nats = await NatsServer.GetUrlAsync();
        var stream = $"LIVESIM_CRASH_{Guid.NewGuid():N}";
        string[] bus = [$"--LiveSim:EventBus:Nats:Url={nats}", $"--LiveSim:EventBus:Nats:Stream={stream}"];
        var started = new List<SiloProcess>();
        try
        {
            var survivor = Start(bus);
            started.Add(survivor);
            await survivor.WaitReadyAsync();
            var victim = Start(bus);
            started.Add(victim);
            await victim.WaitReadyAsync();

            var sessions = new List<(CreatedSession Session, long From)>();
            var onVictim = 0;
            for (var i = 0; (i < SessionCount || onVictim < 2) && i < 60; i++)
            {
                var http = i % 2 == 0 ? survivor.Http : victim.Http;
                // Half choose their bus types at creation (the bus then holds them from event 1), half later with PUT.
                var fromStart = i % 4 < 2;
                var created = await Sessions.CreateAsync(http, fromStart ? Sessions.AggressiveBody[..^1] + ",\"bus\":" + AllTypes + "}" : Sessions.AggressiveBody);
                var from = fromStart ? 1 : await EnableBusAsync(http, created);
                sessions.Add((created, from));
                onVictim += (await Sessions.GetAsync(survivor.Http, created)).GetProperty("host").GetString()!.Contains($":{victim.SiloPort}:", StringComparison.Ordinal) ? 1 : 0;
            }

            await Poll.UntilAsync(
                async () => (await Task.WhenAll(sessions.Select(s => Sessions.GetAsync(survivor.Http, s.Session)))).Sum(v => Sessions.Stat(v, "betsPlaced")),
                placed => placed >= sessions.Count,
                Deadline,
                "bets placed in the sessions before the kill");
            var atKill = (await Task.WhenAll(sessions.Select(s => Sessions.GetAsync(survivor.Http, s.Session)))).Select(Sessions.LastSeq).ToArray();

            await victim.KillAsync();

            await Poll.UntilAsync(
                () => Task.WhenAll(sessions.Select(s => Sessions.GetAsync(survivor.Http, s.Session))),
                vs => vs.Select((v, i) => Sessions.LastSeq(v) > atKill[i] + 40).All(x => x),
                Deadline,
                "every session to run on the survivor past the kill");
            var finals = new List<JsonElement>();
            foreach (var (session, _) in sessions)
            {
                finals.Add(await Sessions.StopAsync(survivor.Http, session));
            }

            for (var i = 0; i < sessions.Count; i++)
            {
                var (session, from) = sessions[i];
                var last = finals[i].GetProperty("eventSeq").GetInt64();
                try
                {
                    await Poll.UntilAsync(
                        () => Sessions.GetAsync(survivor.Http, session),
                        v => v.GetProperty("bus").GetProperty("ackedSeq").GetInt64() >= last && v.GetProperty("bus").GetProperty("pending").GetInt32() == 0,
                        Deadline,
                        $"the bus to acknowledge every event of {session.Id} up to {last}");
                }
                catch (TimeoutException ex)
                {
                    throw new TimeoutException($"{ex.Message}\nsurvivor's log (last lines):\n{string.Join('\n', survivor.Output.Split('\n').TakeLast(40))}", ex);
                }
                var messages = await NatsServer.ReadAllAsync(nats, stream, $"livesim.*.{session.Id}.*");
                var seqs = messages.Select(m => m.Event.GetProperty("eventSeq").GetInt64()).ToArray();
                Assert.True(
                    seqs.SequenceEqual(Enumerable.Range((int)from, (int)(last - from + 1)).Select(n => (long)n)),
                    $"{session.Id}: the bus holds {seqs.Length} events ({seqs.Length - seqs.Distinct().Count()} repeated), expected {from}..{last} once each");
                Assert.Equal("session_stopped", messages[^1].Event.GetProperty("type").GetString());
                var settledTwice = messages.Where(m => m.Event.GetProperty("type").GetString() == "bet_settled")
                    .GroupBy(m => m.Event.GetProperty("body").GetProperty("bet").GetProperty("betId").GetInt64()).Where(g => g.Count() > 1).Select(g => g.Key);
                Assert.Empty(settledTwice);
                Sessions.AssertConsistent(session, finals[i]);
                if (from == 1)
                {
                    // The whole session is on the bus: its bets there are the session's own, each placed and settled once.
                    var stats = finals[i].GetProperty("stats");
                    Assert.Equal(
                        (Sessions.Stat(finals[i], "betsPlaced"), Sessions.Stat(finals[i], "betsWon") + Sessions.Stat(finals[i], "betsLost") + Sessions.Stat(finals[i], "betsVoided")),
                        ((long)messages.Count(m => m.Event.GetProperty("type").GetString() == "bet_placed"), (long)messages.Count(m => m.Event.GetProperty("type").GetString() == "bet_settled")));
                    Assert.Equal(stats.GetProperty("netPnl").GetDecimal(), messages.Where(m => m.Event.GetProperty("type").GetString() == "bet_settled").Sum(m => m.Event.GetProperty("body").GetProperty("returned").GetDecimal() - m.Event.GetProperty("body").GetProperty("bet").GetProperty("stake").GetDecimal()));
                }
            }
        }
        finally
        {
            // Silos first: a running one would create the stream again.
            foreach (var silo in started)
            {
                await silo.KillAsync();
            }

            await NatsServer.DeleteStreamAsync(nats, stream);
        }
    }

    private SiloProcess Start(string[] bus)
    {
        int siloPort = FreePort.Next(), gatewayPort = FreePort.Next();
        return cluster.Track(SiloProcess.Start([.. SiloProcess.PostgresArguments(cluster.ConnectionString, siloPort, gatewayPort), .. bus], null, siloPort, gatewayPort));
    }

    private static async Task<long> EnableBusAsync(HttpClient http, CreatedSession session)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/live-sim/sessions/{session.Id}/bus", UriKind.Relative))
        {
            Content = new StringContent(AllTypes, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"PUT bus returned {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("fromEventSeq").GetInt64();
    }
}
