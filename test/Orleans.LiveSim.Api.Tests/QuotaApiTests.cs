using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Grains.Recordings;
using static Orleans.LiveSim.Api.Tests.AccountClient;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>Quotas and the in-memory bound of recordings, on a silo with small limits (<see cref="QuotaHostFixture"/>).</summary>
[Collection(QuotaHostCollection.Name)]
public sealed class QuotaApiTests(QuotaHostFixture host)
{
    private static readonly string Capture = Captures.Synthetic(TimeSpan.FromSeconds(120));

    private HttpClient Http => host.Http;

    [Fact]
    public async Task An_account_over_its_running_sessions_quota_gets_429_naming_the_limit_and_an_ended_session_frees_its_slot()
    {
        var account = await CreateAsync(Http);
        var other = await CreateAsync(Http);
        var first = await CreateSessionAsync(Http, account.Key);
        var second = await CreateSessionAsync(Http, account.Key);

        var (full, problem) = await ProblemAsync(Http, WithKey(HttpMethod.Post, "/live-sim/sessions", account.Key, JsonBody("{}")));
        var elsewhere = await CreateSessionAsync(Http, other.Key);
        await StopAsync(first, account.Key);
        var third = await CreateSessionAsync(Http, account.Key);
        await StopAsync(third, account.Key);
        // A replay that completes frees its slot too.
        var last = (await Http.GetFromJsonAsync<JsonElement>("/live-sim/feeds/demo")).GetProperty("lastSeq").GetInt64();
        var replay = await CreateSessionAsync(Http, account.Key, $$$"""{"source":{"feedId":"demo","fromSeq":{{{last - 2}}},"toSeq":{{{last}}},"speed":"max"}}""");
        await Poll.UntilAsync(() => SessionClient.GetViewAsync(Http, replay), v => v.GetProperty("status").GetString() == "completed", "the replay to complete");
        var fourth = await CreateSessionAsync(Http, account.Key);
        var (fullAgain, _) = await ProblemAsync(Http, WithKey(HttpMethod.Post, "/live-sim/sessions", account.Key, JsonBody("{}")));

        Assert.Equal(HttpStatusCode.TooManyRequests, full);
        Assert.Equal("Quota exceeded.", problem.GetProperty("title").GetString());
        Assert.Equal("LiveSim:Quotas:Accounts:RunningSessions", problem.GetProperty("limit").GetString());
        Assert.Equal((2L, 2L), (problem.GetProperty("max").GetInt64(), problem.GetProperty("used").GetInt64()));
        Assert.Equal(HttpStatusCode.TooManyRequests, fullAgain);
        foreach (var s in new[] { second, fourth })
        {
            await StopAsync(s, account.Key);
        }

        await StopAsync(elsewhere, other.Key);
    }

    [Fact]
    public async Task A_sweeps_variants_hold_its_owners_session_slots_until_they_end_and_a_sweep_that_does_not_fit_gets_429()
    {
        var account = await CreateAsync(Http);
        const string ThreeVariants = """{"feedId":"demo","grid":{"entryTick":[10,20,30]}}""";
        const string TwoVariants = """{"feedId":"demo","grid":{"entryTick":[10,20]}}""";

        var (tooBig, problem) = await ProblemAsync(Http, WithKey(HttpMethod.Post, "/live-sim/sweeps", account.Key, JsonBody(ThreeVariants)));
        using var created = await Http.SendAsync(WithKey(HttpMethod.Post, "/live-sim/sweeps", account.Key, JsonBody(TwoVariants)));
        var sweep = await created.Content.ReadFromJsonAsync<JsonElement>();
        var sweepId = sweep.GetProperty("id").GetString()!;
        var (full, _) = await ProblemAsync(Http, WithKey(HttpMethod.Post, "/live-sim/sessions", account.Key, JsonBody("{}")));
        using var stopped = await Http.SendAsync(WithKey(HttpMethod.Post, $"/live-sim/sweeps/{sweepId}/stop", account.Key));
        // Each variant gives its slot back when it ends.
        var session = await Poll.UntilAsync(
            async () =>
            {
                using var response = await Http.SendAsync(WithKey(HttpMethod.Post, "/live-sim/sessions", account.Key, JsonBody("{}")));
                return response.StatusCode == HttpStatusCode.Created ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
            },
            s => s is not null,
            "a session to fit once the sweep's variants ended");

        Assert.Equal(HttpStatusCode.TooManyRequests, tooBig);
        Assert.Equal("LiveSim:Quotas:Accounts:RunningSessions", problem.GetProperty("limit").GetString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, full);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        using var stop = await Http.SendAsync(WithKey(HttpMethod.Post, $"/live-sim/sessions/{session!.Value.GetProperty("id").GetString()}/stop", account.Key));
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_share_one_quota_and_a_refused_create_changes_nothing()
    {
        var account = await CreateAsync(Http);
        var first = await SessionClient.CreateAsync(Http);
        var before = await ListAsync(Http, Operator(HttpMethod.Get, "/live-sim/sessions?limit=1000"));

        var (full, problem) = await ProblemAsync(Http, new HttpRequestMessage(HttpMethod.Post, "/live-sim/sessions") { Content = JsonBody("{}") });
        var after = await ListAsync(Http, Operator(HttpMethod.Get, "/live-sim/sessions?limit=1000"));
        var withKey = await CreateSessionAsync(Http, account.Key);
        await StopAsync(first, null);
        var next = await SessionClient.CreateAsync(Http);

        Assert.Equal(HttpStatusCode.TooManyRequests, full);
        Assert.Equal("LiveSim:Quotas:Anonymous:RunningSessions", problem.GetProperty("limit").GetString());
        Assert.Equal(1, problem.GetProperty("max").GetInt64());
        Assert.Equal(before.Ids, after.Ids);
        Assert.Equal("running", next.View.GetProperty("status").GetString());
        await StopAsync(next, null);
        await StopAsync(withKey, account.Key);
    }

    [Fact]
    public async Task Recordings_count_and_bytes_quotas_refuse_with_429_naming_the_limit_and_a_delete_frees_them()
    {
        var account = await CreateAsync(Http);
        var other = await CreateAsync(Http);
        var a = await UploadAsync(account.Key, Capture);
        var b = await UploadAsync(account.Key, Capture);

        var (count, countProblem) = await ProblemAsync(Http, WithKey(HttpMethod.Post, "/live-sim/recordings", account.Key, new StringContent(Capture)));
        var afterCount = await RecordingIdsAsync();
        await DeleteAsync(a, account.Key);
        var c = await UploadAsync(account.Key, Capture);
        var (bytes, bytesProblem) = await ProblemAsync(Http, WithKey(HttpMethod.Post, "/live-sim/recordings", other.Key, new StringContent(Padded(2_100_000))));
        var afterBytes = await RecordingIdsAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, count);
        Assert.Equal("LiveSim:Quotas:Accounts:Recordings", countProblem.GetProperty("limit").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, bytes);
        Assert.Equal("LiveSim:Quotas:Accounts:RecordingBytes", bytesProblem.GetProperty("limit").GetString());
        Assert.Equal(2_000_000, bytesProblem.GetProperty("max").GetInt64());
        Assert.Equal(new[] { a, b }.Select(Id).Order(), afterCount.Order());
        Assert.Equal(new[] { b, c }.Select(Id).Order(), afterBytes.Order());
        await DeleteAsync(b, account.Key);
        await DeleteAsync(c, account.Key);
    }

    [Fact]
    public async Task The_silo_holds_at_most_MaxTotalBytes_of_recordings_in_memory_and_a_delete_makes_room()
    {
        var store = (InMemoryRecordingStore)host.App.Services.GetRequiredService<IRecordingStore>();
        Assert.True(store.HeldBytes == 0, $"the other tests of this silo delete their recordings; it holds {store.HeldBytes} bytes");
        var first = await CreateAsync(Http);
        var second = await CreateAsync(Http);
        var a = await UploadAsync(first.Key, Padded(1_600_000));

        var (full, problem) = await ProblemAsync(Http, WithKey(HttpMethod.Post, "/live-sim/recordings", second.Key, new StringContent(Padded(1_600_000))));
        var heldWhenFull = store.HeldBytes;
        await DeleteAsync(a, first.Key);
        var b = await UploadAsync(second.Key, Padded(1_600_000));

        Assert.Equal(HttpStatusCode.TooManyRequests, full);
        Assert.Equal("LiveSim:Recordings:MaxTotalBytes", problem.GetProperty("limit").GetString());
        Assert.Equal(QuotaHostFixture.MaxTotalBytes, problem.GetProperty("max").GetInt64());
        Assert.True(heldWhenFull <= QuotaHostFixture.MaxTotalBytes);
        Assert.Equal(1, (await UsageAsync(second)).GetProperty("recordings").GetInt64());
        await DeleteAsync(b, second.Key);
        Assert.Equal(0, store.HeldBytes);
    }

    [Fact]
    public async Task A_recording_longer_than_the_live_journal_replays_every_entry()
    {
        var account = await CreateAsync(Http);
        var recording = await UploadAsync(account.Key, Captures.Synthetic(TimeSpan.FromMinutes(10)));
        var ticks = recording.GetProperty("ticks").GetInt64();
        var demo = await Poll.UntilAsync(() => Http.GetFromJsonAsync<JsonElement>("/live-sim/feeds/demo"), f => f.GetProperty("lastSeq").GetInt64() > 1000, "the demo feed to pass its 1,000-entry journal", TimeSpan.FromSeconds(60));
        var (lost, lostProblem) = await ProblemAsync(Http, WithKey(HttpMethod.Post, "/live-sim/sessions", account.Key, JsonBody("""{"source":{"feedId":"demo","fromSeq":1,"toSeq":2,"speed":"max"}}""")));

        var replay = await CreateSessionAsync(Http, account.Key, $$$"""{"source":{"recordingId":"{{{recording.GetProperty("recordingId").GetString()}}}","speed":"max"}}""");
        var view = await Poll.UntilAsync(() => SessionClient.GetViewAsync(Http, replay), v => v.GetProperty("status").GetString() == "completed", "the replay to complete");

        Assert.True(ticks > 1000, $"{ticks} ticks");
        Assert.True(demo.GetProperty("lastSeq").GetInt64() > 1000);
        Assert.Equal(HttpStatusCode.Conflict, lost);
        Assert.True(lostProblem.GetProperty("availableFromSeq").GetInt64() > 1);
        Assert.Equal(ticks, view.GetProperty("connection").GetProperty("lastSeq").GetInt64());
        Assert.Equal(ticks, view.GetProperty("stats").GetProperty("ticksProcessed").GetInt64() + view.GetProperty("stats").GetProperty("feedGaps").GetInt64());
        Assert.Equal((1L, ticks), (view.GetProperty("source").GetProperty("fromSeq").GetInt64(), view.GetProperty("source").GetProperty("toSeq").GetInt64()));
        await DeleteAsync(recording, account.Key);
    }

    private static string Id(JsonElement recording) => recording.GetProperty("recordingId").GetString()!;

    private async Task<List<string>> RecordingIdsAsync()
    {
        using var response = await Http.SendAsync(Operator(HttpMethod.Get, "/live-sim/recordings"));
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(Id)];
    }

    /// <summary>A capture of about <paramref name="bytes"/> bytes: two minutes of the game, then a line of junk (counted as malformed).</summary>
    private static string Padded(int bytes) => Capture + new string('x', bytes - Encoding.UTF8.GetByteCount(Capture)) + "\n";

    private async Task<JsonElement> UploadAsync(string apiKey, string capture)
    {
        using var response = await Http.SendAsync(WithKey(HttpMethod.Post, "/live-sim/recordings", apiKey, new StringContent(capture)));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"upload returned {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task DeleteAsync(JsonElement recording, string apiKey)
    {
        using var response = await Http.SendAsync(WithKey(HttpMethod.Delete, $"/live-sim/recordings/{recording.GetProperty("recordingId").GetString()}", apiKey));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private async Task StopAsync(CreatedSession s, string? apiKey)
    {
        using var request = apiKey is null ? SessionClient.Request(HttpMethod.Post, $"/live-sim/sessions/{s.Id}/stop", s.Token) : WithKey(HttpMethod.Post, $"/live-sim/sessions/{s.Id}/stop", apiKey);
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonElement> UsageAsync(TestAccount account)
    {
        using var response = await Http.SendAsync(WithKey(HttpMethod.Get, $"/live-sim/accounts/{account.AccountId}", account.Key));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("quotas");
    }
}
