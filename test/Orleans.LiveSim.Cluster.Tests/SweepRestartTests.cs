using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orleans.LiveSim.Cluster.Tests.Infrastructure;

namespace Orleans.LiveSim.Cluster.Tests;

/// <summary>Sweeps keep their table and viewer tokens in PostgreSQL: a silo restart loses neither a finished table, a live sweep's variants, nor a shared link.</summary>
public sealed class SweepRestartTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_finished_sweep_and_a_live_sweep_come_back_after_a_silo_restart_and_the_live_one_keeps_ranking()
    {
        var silo = cluster.StartSilo();
        await silo.WaitReadyAsync();
        await Poll.UntilAsync(() => silo.Http.GetFromJsonAsync<JsonElement>("/live-sim/feeds/demo"), f => f.GetProperty("lastSeq").GetInt64() >= 20, Deadline, "20 journaled demo ticks");
        var replay = await CreateAsync(silo.Http, """{"source":{"feedId":"demo","fromSeq":1,"toSeq":20},"grid":{"entryTick":[1,2]}}""");
        var finished = await Poll.UntilAsync(() => GetAsync(silo.Http, replay), v => Status(v) == "completed", Deadline, "the replay sweep to complete");
        var live = await CreateAsync(silo.Http, """{"feedId":"demo","grid":{"entryTick":[1,2],"numBets":[1]}}""");
        var before = await Poll.UntilAsync(() => GetAsync(silo.Http, live), v => Ticks(v) >= 10, Deadline, "the live sweep's variants to apply 10 ticks");

        Assert.Equal(0, await silo.StopAsync());
        var restarted = cluster.StartSilo(silo.HttpPort, silo.SiloPort, silo.GatewayPort);
        await restarted.WaitReadyAsync();

        var finishedAfter = await GetAsync(restarted.Http, replay);
        Assert.Equal("completed", Status(finishedAfter));
        Assert.Equal(finished.GetProperty("tableHash").GetString(), finishedAfter.GetProperty("tableHash").GetString());
        Assert.Equal(finished.GetProperty("top").GetRawText(), finishedAfter.GetProperty("top").GetRawText());

        var liveAfter = await Poll.UntilAsync(() => GetAsync(restarted.Http, live), v => Ticks(v) > Ticks(before) + 20, Deadline, "the live sweep's variants to go on after the restart");
        Assert.Equal(("running", 2), (Status(liveAfter), liveAfter.GetProperty("progress").GetProperty("created").GetInt32()));
        Assert.Equal(2, liveAfter.GetProperty("top").GetArrayLength());
    }

    [Fact]
    public async Task A_sweep_viewer_token_and_a_revocation_outlive_a_silo_restart_for_the_live_sweep_and_its_running_variants()
    {
        var silo = cluster.StartSilo();
        await silo.WaitReadyAsync();
        var sweep = await CreateAsync(silo.Http, """{"feedId":"demo","grid":{"entryTick":[1,2],"numBets":[1]}}""");
        await Poll.UntilAsync(() => GetAsync(silo.Http, sweep), v => Ticks(v) >= 10, Deadline, "the live sweep's variants to apply 10 ticks");
        var kept = await MintViewerAsync(silo.Http, sweep);
        var revoked = await MintViewerAsync(silo.Http, sweep);
        using (var revoke = await SendAsync(silo.Http, HttpMethod.Delete, $"/live-sim/sweeps/{sweep.Id}/viewers/{revoked.ViewerId}", sweep.Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        Assert.Equal(0, await silo.StopAsync());
        var restarted = cluster.StartSilo(silo.HttpPort, silo.SiloPort, silo.GatewayPort);
        await restarted.WaitReadyAsync();

        // First a running variant read with the viewer token: the variant asks its sweep, which comes back meanwhile and
        // asks its running variants where they stand; neither may wait on the other.
        var statuses = new List<HttpStatusCode>();
        foreach (var (method, path, token) in new[]
        {
            (HttpMethod.Get, $"/live-sim/sessions/{sweep.Id}-1", kept.Token),
            (HttpMethod.Get, $"/live-sim/sweeps/{sweep.Id}", kept.Token),
            (HttpMethod.Post, $"/live-sim/sweeps/{sweep.Id}/stop", kept.Token),
            (HttpMethod.Post, $"/live-sim/sessions/{sweep.Id}-1/stop", kept.Token),
            (HttpMethod.Get, $"/live-sim/sweeps/{sweep.Id}", revoked.Token),
            (HttpMethod.Get, $"/live-sim/sessions/{sweep.Id}-1", revoked.Token),
        })
        {
            using var response = await SendAsync(restarted.Http, method, path, token);
            statuses.Add(response.StatusCode);
        }

        using var listed = await SendAsync(restarted.Http, HttpMethod.Get, $"/live-sim/sweeps/{sweep.Id}/viewers", sweep.Token);
        var viewers = await listed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized],
            statuses);
        Assert.Equal([kept.ViewerId], viewers.EnumerateArray().Select(v => v.GetProperty("viewerId").GetString()));
        Assert.Equal("running", Status(await GetAsync(restarted.Http, sweep)));
    }

    private static async Task<(string ViewerId, string Token)> MintViewerAsync(HttpClient http, (string Id, string Token) sweep)
    {
        using var response = await SendAsync(http, HttpMethod.Post, $"/live-sim/sweeps/{sweep.Id}/viewers", sweep.Token);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"mint returned {(int)response.StatusCode}: {json}");
        return (json.GetProperty("viewerId").GetString()!, json.GetProperty("token").GetString()!);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private static async Task<(string Id, string Token)> CreateAsync(HttpClient http, string body)
    {
        using var response = await http.PostAsync(new Uri("/live-sim/sweeps", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"create returned {(int)response.StatusCode}: {json}");
        return (json.GetProperty("id").GetString()!, json.GetProperty("accessToken").GetString()!);
    }

    private static async Task<JsonElement> GetAsync(HttpClient http, (string Id, string Token) sweep)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/live-sim/sweeps/{sweep.Id}", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sweep.Token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.Clone() : throw new HttpRequestException($"GET sweep {sweep.Id} returned {(int)response.StatusCode}: {text}");
    }

    private static string Status(JsonElement view) => view.GetProperty("status").GetString()!;

    private static long Ticks(JsonElement view) => view.GetProperty("progress").GetProperty("ticksApplied").GetInt64();
}
