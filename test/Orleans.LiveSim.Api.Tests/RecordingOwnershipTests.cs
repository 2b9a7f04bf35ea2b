using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Feeds.Journal;
using static Orleans.LiveSim.Api.Tests.AccountClient;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>Recordings belong to the account whose key uploaded them; their owner (or the operator) deletes them, entries and all.</summary>
[Collection(HostCollection.Name)]
public sealed class RecordingOwnershipTests(HostFixture host)
{
    private static readonly string Capture = Captures.Synthetic(TimeSpan.FromSeconds(120));

    private HttpClient Http => host.Http;

    [Fact]
    public async Task An_accounts_recording_is_seen_listed_and_replayed_only_by_it_and_the_operator()
    {
        var owner = await CreateAsync(Http);
        var other = await CreateAsync(Http);
        var recording = await UploadAsync(owner.Key);
        var id = recording.GetProperty("recordingId").GetString()!;
        var replayBody = $$$"""{"source":{"recordingId":"{{{id}}}","speed":"max"}}""";

        using var byOwner = await Http.SendAsync(WithKey(HttpMethod.Get, $"/live-sim/recordings/{id}", owner.Key));
        using var byOperator = await Http.SendAsync(Operator(HttpMethod.Get, $"/live-sim/recordings/{id}"));
        var (byOther, _) = await ProblemAsync(Http, WithKey(HttpMethod.Get, $"/live-sim/recordings/{id}", other.Key));
        var (byAnyone, _) = await ProblemAsync(Http, new HttpRequestMessage(HttpMethod.Get, $"/live-sim/recordings/{id}"));
        var (replayByOther, replayProblem) = await ProblemAsync(Http, WithKey(HttpMethod.Post, "/live-sim/sessions", other.Key, JsonBody(replayBody)));
        var (replayByAnyone, _) = await ProblemAsync(Http, new HttpRequestMessage(HttpMethod.Post, "/live-sim/sessions") { Content = JsonBody(replayBody) });
        var replay = await CreateSessionAsync(Http, owner.Key, replayBody);

        Assert.Equal(owner.AccountId, recording.GetProperty("ownerAccountId").GetString());
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOperator.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOther);
        Assert.Equal(HttpStatusCode.NotFound, byAnyone);
        Assert.Equal(HttpStatusCode.BadRequest, replayByOther);
        Assert.True(replayProblem.GetProperty("errors").TryGetProperty("source.recordingId", out _));
        Assert.Equal(HttpStatusCode.BadRequest, replayByAnyone);
        Assert.Equal(id, replay.View.GetProperty("source").GetProperty("recordingId").GetString());
        Assert.Contains(id, await ListedAsync(WithKey(HttpMethod.Get, "/live-sim/recordings", owner.Key)));
        Assert.Contains(id, await ListedAsync(Operator(HttpMethod.Get, "/live-sim/recordings")));
        Assert.DoesNotContain(id, await ListedAsync(WithKey(HttpMethod.Get, "/live-sim/recordings", other.Key)));
        Assert.DoesNotContain(id, await ListedAsync(new HttpRequestMessage(HttpMethod.Get, "/live-sim/recordings")));
    }

    [Fact]
    public async Task Its_owner_deletes_a_recording_with_its_journal_entries_and_capture_not_while_it_is_replayed()
    {
        var owner = await CreateAsync(Http);
        var recording = await UploadAsync(owner.Key);
        var id = recording.GetProperty("recordingId").GetString()!;
        var feedId = $"recording-{id}";
        var journal = host.App.Services.GetRequiredService<IFeedJournal>();
        // At real time its 300 ticks take more than a minute: it is running when the delete comes.
        var replay = await CreateSessionAsync(Http, owner.Key, $$$"""{"source":{"recordingId":"{{{id}}}","speed":1}}""");
        var usage = await UsageAsync(owner);

        var (busy, busyProblem) = await ProblemAsync(Http, WithKey(HttpMethod.Delete, $"/live-sim/recordings/{id}", owner.Key));
        using (await Http.SendAsync(WithKey(HttpMethod.Post, $"/live-sim/sessions/{replay.Id}/stop", owner.Key)))
        {
        }

        using var deleted = await Http.SendAsync(WithKey(HttpMethod.Delete, $"/live-sim/recordings/{id}", owner.Key));
        var (gone, _) = await ProblemAsync(Http, WithKey(HttpMethod.Get, $"/live-sim/recordings/{id}", owner.Key));
        var (again, _) = await ProblemAsync(Http, WithKey(HttpMethod.Delete, $"/live-sim/recordings/{id}", owner.Key));
        var (replayAfter, _) = await ProblemAsync(Http, WithKey(HttpMethod.Post, "/live-sim/sessions", owner.Key, JsonBody($$$"""{"source":{"recordingId":"{{{id}}}"}}""")));

        Assert.Equal(300, recording.GetProperty("ticks").GetInt64());
        Assert.Equal((1L, recording.GetProperty("bytes").GetInt64()), (usage.GetProperty("recordings").GetInt64(), usage.GetProperty("recordingBytes").GetInt64()));
        Assert.Equal(HttpStatusCode.Conflict, busy);
        Assert.Equal([replay.Id], busyProblem.GetProperty("sessions").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone);
        Assert.Equal(HttpStatusCode.NotFound, again);
        Assert.Equal(HttpStatusCode.BadRequest, replayAfter);
        Assert.Equal(0, await journal.GetLastSeqAsync(feedId));
        Assert.Empty(await journal.ReadAsync(feedId, 1, 300, 300));
        Assert.Null(await host.App.Services.GetRequiredService<IRecordingStore>().GetAsync(id));
        Assert.Equal((0L, 0L), ((await UsageAsync(owner)).GetProperty("recordings").GetInt64(), (await UsageAsync(owner)).GetProperty("recordingBytes").GetInt64()));
    }

    [Fact]
    public async Task An_anonymous_upload_is_deleted_only_with_the_operator_key()
    {
        var account = await CreateAsync(Http);
        var id = (await UploadAsync(null)).GetProperty("recordingId").GetString()!;

        var (anonymous, _) = await ProblemAsync(Http, new HttpRequestMessage(HttpMethod.Delete, $"/live-sim/recordings/{id}"));
        var (byAccount, _) = await ProblemAsync(Http, WithKey(HttpMethod.Delete, $"/live-sim/recordings/{id}", account.Key));
        using var byOperator = await Http.SendAsync(Operator(HttpMethod.Delete, $"/live-sim/recordings/{id}"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal(HttpStatusCode.Forbidden, byAccount);
        Assert.Equal(HttpStatusCode.NoContent, byOperator.StatusCode);
        Assert.DoesNotContain(id, await ListedAsync(new HttpRequestMessage(HttpMethod.Get, "/live-sim/recordings")));
    }

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>")]
    [InlineData("</option><script>alert(1)</script>", "</option><script>alert(1)</script>")]
    [InlineData("%ED%A0%80", "%ED%A0%80")]
    [InlineData("%22%5C%00", "\"\\\0")]
    public async Task Recording_names_are_kept_as_text_whatever_they_hold(string encoded, string name)
    {
        using var response = await Http.PostAsync($"/live-sim/recordings?name={encoded.Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)}", new StringContent(Capture, Encoding.UTF8, "application/x-ndjson"));
        var text = await response.Content.ReadAsStringAsync();
        var info = JsonDocument.Parse(text).RootElement;
        var id = info.GetProperty("recordingId").GetString()!;
        using var listed = await Http.GetAsync($"/live-sim/recordings/{id}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(name, info.GetProperty("name").GetString());
        Assert.Equal(name, (await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        using (await Http.SendAsync(Operator(HttpMethod.Delete, $"/live-sim/recordings/{id}")))
        {
        }
    }

    [Fact]
    public async Task A_recording_name_over_200_characters_is_400_naming_name_and_stores_nothing()
    {
        var before = await Http.GetStringAsync("/live-sim/recordings");
        var (status, problem) = await ProblemAsync(Http, new HttpRequestMessage(HttpMethod.Post, $"/live-sim/recordings?name={new string('n', 201)}") { Content = new StringContent(Capture) });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("may be at most 200 characters.", problem.GetProperty("errors").GetProperty("name")[0].GetString());
        Assert.Equal(before, await Http.GetStringAsync("/live-sim/recordings"));
    }

    private async Task<JsonElement> UploadAsync(string? apiKey)
    {
        var content = new StringContent(Capture, Encoding.UTF8, "application/x-ndjson");
        using var request = apiKey is null ? new HttpRequestMessage(HttpMethod.Post, "/live-sim/recordings?name=mine") { Content = content } : WithKey(HttpMethod.Post, "/live-sim/recordings?name=mine", apiKey, content);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"upload returned {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<List<string>> ListedAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await Http.SendAsync(request);
            return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(r => r.GetProperty("recordingId").GetString()!)];
        }
    }

    private async Task<JsonElement> UsageAsync(TestAccount account)
    {
        using var response = await Http.SendAsync(WithKey(HttpMethod.Get, $"/live-sim/accounts/{account.AccountId}", account.Key));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("quotas");
    }
}
