using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Silo.Hosting;
using static Orleans.LiveSim.Api.Tests.AccountClient;

namespace Orleans.LiveSim.Api.Tests;

[Collection(HostCollection.Name)]
public sealed class AccountsApiTests(HostFixture host)
{
    private HttpClient Http => host.Http;

    [Fact]
    public async Task The_operator_makes_accounts_and_keys_a_key_is_shown_once_and_kept_only_as_its_hash()
    {
        var (noKey, _) = await ProblemAsync(Http, new HttpRequestMessage(HttpMethod.Post, "/live-sim/accounts") { Content = JsonBody("""{"name":"x"}""") });
        using var created = await Http.SendAsync(Operator(HttpMethod.Post, "/live-sim/accounts", JsonBody("""{"name":"Desk <b>one</b>"}""")));
        var account = await created.Content.ReadFromJsonAsync<JsonElement>();
        var accountId = account.GetProperty("accountId").GetString()!;
        using var keyResponse = await Http.SendAsync(Operator(HttpMethod.Post, $"/live-sim/accounts/{accountId}/keys"));
        var key = await keyResponse.Content.ReadFromJsonAsync<JsonElement>();
        var secret = key.GetProperty("key").GetString()!;
        using var detailsResponse = await Http.SendAsync(Operator(HttpMethod.Get, $"/live-sim/accounts/{accountId}"));
        var detailsText = await detailsResponse.Content.ReadAsStringAsync();
        var details = JsonDocument.Parse(detailsText).RootElement;
        var store = host.App.Services.GetRequiredService<IAccountStore>();

        Assert.Equal(HttpStatusCode.Unauthorized, noKey);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/live-sim/accounts/{accountId}", created.Headers.Location?.OriginalString);
        Assert.StartsWith("acct_", accountId, StringComparison.Ordinal);
        Assert.Equal("Desk <b>one</b>", account.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Created, keyResponse.StatusCode);
        Assert.StartsWith("lsk_", secret, StringComparison.Ordinal);
        Assert.Equal(47, secret.Length);
        Assert.Equal(secret[..12], key.GetProperty("prefix").GetString());
        Assert.DoesNotContain(secret, detailsText, StringComparison.Ordinal);
        var listed = Assert.Single(details.GetProperty("keys").EnumerateArray());
        Assert.Equal(key.GetProperty("keyId").GetString(), listed.GetProperty("keyId").GetString());
        Assert.False(listed.GetProperty("revoked").GetBoolean());
        Assert.False(listed.TryGetProperty("key", out _));
        Assert.Equal(key.GetProperty("keyId").GetString(), (await store.FindKeyAsync(AccessTokens.Hash(secret)))?.KeyId);
        Assert.Null(await store.FindKeyAsync(secret));
        Assert.Equal(0, details.GetProperty("quotas").GetProperty("runningSessions").GetInt64());
        Assert.Equal(100, details.GetProperty("quotas").GetProperty("maxRunningSessions").GetInt64());
    }

    [Fact]
    public async Task A_key_acts_for_its_account_which_owns_what_it_creates_and_reads_stops_and_streams_it_without_the_session_token()
    {
        var mine = await CreateAsync(Http);
        var other = await CreateAsync(Http);
        var s = await CreateSessionAsync(Http, mine.Key);

        using var read = await Http.SendAsync(WithKey(HttpMethod.Get, $"/live-sim/sessions/{s.Id}", mine.Key));
        using var byScheme = new HttpRequestMessage(HttpMethod.Get, $"/live-sim/sessions/{s.Id}") { Headers = { { "Authorization", $"ApiKey {mine.Key}" } } };
        using var readByScheme = await Http.SendAsync(byScheme);
        var (otherRead, _) = await ProblemAsync(Http, WithKey(HttpMethod.Get, $"/live-sim/sessions/{s.Id}", other.Key));
        var (otherStop, _) = await ProblemAsync(Http, WithKey(HttpMethod.Post, $"/live-sim/sessions/{s.Id}/stop", other.Key));
        var streamed = await StreamAsync(s.Id, mine.Key);
        using var stop = await Http.SendAsync(WithKey(HttpMethod.Post, $"/live-sim/sessions/{s.Id}/stop", mine.Key));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readByScheme.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherRead);
        Assert.Equal(HttpStatusCode.Unauthorized, otherStop);
        Assert.Equal("snapshot", streamed);
        Assert.Equal("stopped", (await stop.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        // The session's own token still works beside the account's key: a one-session dashboard keeps it.
        Assert.Equal("stopped", (await SessionClient.GetViewAsync(Http, s)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Wrong_and_revoked_keys_are_401_on_every_endpoint_and_never_act_as_anonymous()
    {
        var account = await CreateAsync(Http);
        var s = await CreateSessionAsync(Http, account.Key);
        var (wrongCreate, wrongProblem) = await ProblemAsync(Http, WithKey(HttpMethod.Post, "/live-sim/sessions", "lsk_not-a-key", JsonBody("{}")));
        var (wrongFeeds, _) = await ProblemAsync(Http, WithKey(HttpMethod.Get, "/live-sim/feeds", "lsk_not-a-key"));
        var (wrongScheme, schemeProblem) = await ProblemAsync(Http, new HttpRequestMessage(HttpMethod.Get, "/live-sim/strategies") { Headers = { { "Authorization", "ApiKey " } } });
        var (twoKeys, _) = await ProblemAsync(Http, new HttpRequestMessage(HttpMethod.Get, "/live-sim/feeds") { Headers = { { "Authorization", $"ApiKey {account.Key}" }, { "X-Api-Key", "lsk_other" } } });

        using var revoke = await Http.SendAsync(Operator(HttpMethod.Delete, $"/live-sim/accounts/{account.AccountId}/keys/{account.KeyId}"));
        var revoked = await revoke.Content.ReadFromJsonAsync<JsonElement>();
        var (createAfter, revokedProblem) = await ProblemAsync(Http, WithKey(HttpMethod.Post, "/live-sim/sessions", account.Key, JsonBody("{}")));
        var (readAfter, _) = await ProblemAsync(Http, WithKey(HttpMethod.Get, $"/live-sim/sessions/{s.Id}", account.Key));
        var (listAfter, _) = await ProblemAsync(Http, WithKey(HttpMethod.Get, "/live-sim/sessions", account.Key));
        var (uploadAfter, _) = await ProblemAsync(Http, WithKey(HttpMethod.Post, "/live-sim/recordings", account.Key, JsonBody("{}")));
        using var revokeAgain = await Http.SendAsync(Operator(HttpMethod.Delete, $"/live-sim/accounts/{account.AccountId}/keys/{account.KeyId}"));
        var (unknownKey, _) = await ProblemAsync(Http, Operator(HttpMethod.Delete, $"/live-sim/accounts/{account.AccountId}/keys/key_000000000000"));
        var (notOperator, _) = await ProblemAsync(Http, WithKey(HttpMethod.Delete, $"/live-sim/accounts/{account.AccountId}/keys/{account.KeyId}", account.Key));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongCreate);
        Assert.Equal("is not a valid API key.", wrongProblem.GetProperty("errors").GetProperty("X-Api-Key")[0].GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongFeeds);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongScheme);
        Assert.True(schemeProblem.GetProperty("errors").TryGetProperty("Authorization", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, twoKeys);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.True(revoked.GetProperty("revoked").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, createAfter);
        Assert.Equal("is a revoked API key.", revokedProblem.GetProperty("errors").GetProperty("X-Api-Key")[0].GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, readAfter);
        Assert.Equal(HttpStatusCode.Unauthorized, listAfter);
        Assert.Equal(HttpStatusCode.Unauthorized, uploadAfter);
        Assert.Equal(revoked.GetProperty("revokedAt").GetString(), (await revokeAgain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revokedAt").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknownKey);
        Assert.Equal(HttpStatusCode.Unauthorized, notOperator);
        // What the key made is still there: its session token and the operator still read it.
        Assert.Equal("running", (await SessionClient.GetViewAsync(Http, s)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task My_sessions_are_listed_newest_first_page_by_page_with_filters_and_no_one_elses()
    {
        var account = await CreateAsync(Http);
        var other = await CreateAsync(Http);
        var live = await CreateSessionAsync(Http, account.Key);
        var replay = await CreateSessionAsync(Http, account.Key, """{"source":{"feedId":"demo","fromSeq":1,"toSeq":5,"speed":"max"}}""");
        var stopped = await CreateSessionAsync(Http, account.Key);
        using (await Http.SendAsync(WithKey(HttpMethod.Post, $"/live-sim/sessions/{stopped.Id}/stop", account.Key)))
        {
        }

        await Poll.UntilAsync(() => SessionClient.GetViewAsync(Http, replay), v => v.GetProperty("status").GetString() == "completed", "the replay to complete");
        Task<(List<string> Ids, string? Next, HttpStatusCode Status)> Mine(string query) => ListAsync(Http, WithKey(HttpMethod.Get, $"/live-sim/sessions{query}", account.Key));

        var first = await Mine("?limit=2");
        var second = await Mine($"?limit=2&after={first.Next}");
        Assert.Equal([stopped.Id, replay.Id], first.Ids);
        Assert.Equal(replay.Id, first.Next);
        Assert.Equal([live.Id], second.Ids);
        Assert.Null(second.Next);
        Assert.Equal([live.Id], (await Mine("?status=running")).Ids);
        Assert.Equal([stopped.Id], (await Mine("?status=stopped")).Ids);
        Assert.Equal([replay.Id], (await Mine("?status=completed")).Ids);
        Assert.Equal([replay.Id], (await Mine("?mode=replay")).Ids);
        Assert.Equal([stopped.Id, live.Id], (await Mine("?mode=live&feedId=demo")).Ids);
        Assert.Empty((await Mine("?feedId=nope")).Ids);
        Assert.Empty((await ListAsync(Http, WithKey(HttpMethod.Get, "/live-sim/sessions", other.Key))).Ids);
        var all = await ListAsync(Http, Operator(HttpMethod.Get, "/live-sim/sessions?status=running&limit=1000"));
        Assert.Contains(live.Id, all.Ids);
        Assert.DoesNotContain(stopped.Id, all.Ids);

        var (status, statusProblem) = await ProblemAsync(Http, WithKey(HttpMethod.Get, "/live-sim/sessions?status=paused", account.Key));
        var (mode, modeProblem) = await ProblemAsync(Http, WithKey(HttpMethod.Get, "/live-sim/sessions?mode=x", account.Key));
        var (limit, limitProblem) = await ProblemAsync(Http, WithKey(HttpMethod.Get, "/live-sim/sessions?limit=abc", account.Key));
        var (zero, zeroProblem) = await ProblemAsync(Http, WithKey(HttpMethod.Get, "/live-sim/sessions?limit=0", account.Key));
        var (tokenOnly, _) = await ProblemAsync(Http, SessionClient.Request(HttpMethod.Get, "/live-sim/sessions", live.Token));
        Assert.Equal((HttpStatusCode.BadRequest, "must be one of running, stopped, completed, failed."), (status, statusProblem.GetProperty("errors").GetProperty("status")[0].GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, "must be one of live, replay."), (mode, modeProblem.GetProperty("errors").GetProperty("mode")[0].GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, limit);
        Assert.True(limitProblem.GetProperty("errors").TryGetProperty("limit", out _));
        Assert.Equal(HttpStatusCode.BadRequest, zero);
        Assert.True(zeroProblem.GetProperty("errors").TryGetProperty("limit", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, tokenOnly);
    }

    [Fact]
    public async Task An_account_key_reads_its_own_account_and_quotas_and_no_other_and_the_operator_pages_through_accounts()
    {
        var account = await CreateAsync(Http, "first");
        var other = await CreateAsync(Http, "second");
        await CreateSessionAsync(Http, account.Key);

        using var own = await Http.SendAsync(WithKey(HttpMethod.Get, $"/live-sim/accounts/{account.AccountId}", account.Key));
        var (another, _) = await ProblemAsync(Http, WithKey(HttpMethod.Get, $"/live-sim/accounts/{account.AccountId}", other.Key));
        var (anonymous, _) = await ProblemAsync(Http, new HttpRequestMessage(HttpMethod.Get, $"/live-sim/accounts/{account.AccountId}"));
        var (unknown, _) = await ProblemAsync(Http, Operator(HttpMethod.Get, "/live-sim/accounts/acct_0000000000000000"));
        var (listByKey, _) = await ProblemAsync(Http, WithKey(HttpMethod.Get, "/live-sim/accounts", account.Key));
        var ids = new List<string>();
        string? after = null;
        do
        {
            using var page = await Http.SendAsync(Operator(HttpMethod.Get, $"/live-sim/accounts?limit=1{(after is null ? "" : $"&after={after}")}"));
            var body = await page.Content.ReadFromJsonAsync<JsonElement>();
            ids.AddRange(body.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("accountId").GetString()!));
            after = body.GetProperty("next").GetString();
        }
        while (after is not null);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(1, (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("quotas").GetProperty("runningSessions").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, another);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal(HttpStatusCode.Unauthorized, listByKey);
        Assert.Subset(ids.ToHashSet(), new HashSet<string> { account.AccountId, other.AccountId });
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Theory]
    [InlineData("{}", "name", "is required: the account's name.")]
    [InlineData("""{"name":"   "}""", "name", "is required: the account's name.")]
    [InlineData("""{"name":"\ud800"}""", "name", "is not valid Unicode text (a lone UTF-16 surrogate such as \\ud800 is not).")]
    [InlineData("""{"name":1}""", "name", "must be a string.")]
    [InlineData("""{"name":"x","quota":1}""", "quota", "is not a known field (expected name).")]
    [InlineData("""{"\ud800":"x"}""", "$", null)]
    [InlineData("[1]", "$", "The body must be a JSON object.")]
    public async Task A_bad_account_body_is_400_naming_the_field_and_creates_nothing(string body, string field, string? message)
    {
        var before = await CountAccountsAsync();
        var (status, problem) = await ProblemAsync(Http, Operator(HttpMethod.Post, "/live-sim/accounts", JsonBody(body)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"errors name {field}: {errors}");
        if (message is not null)
        {
            Assert.Equal(message, messages[0].GetString());
        }

        Assert.Equal(before, await CountAccountsAsync());
    }

    [Fact]
    public async Task An_account_name_over_200_characters_is_400_and_a_body_over_1_MiB_is_413_with_or_without_content_length()
    {
        var (longName, longProblem) = await ProblemAsync(Http, Operator(HttpMethod.Post, "/live-sim/accounts", JsonBody($$"""{"name":"{{new string('x', 201)}}"}""")));
        var big = $$"""{"name":"{{new string('x', 1024 * 1024)}}"}""";
        var (sized, _) = await ProblemAsync(Http, Operator(HttpMethod.Post, "/live-sim/accounts", JsonBody(big)));
        var (chunked, chunkedProblem) = await ProblemAsync(Http, Operator(HttpMethod.Post, "/live-sim/accounts", new ChunkedContent(big)));

        Assert.Equal(HttpStatusCode.BadRequest, longName);
        Assert.Equal("may be at most 200 characters.", longProblem.GetProperty("errors").GetProperty("name")[0].GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, sized);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked);
        Assert.True(chunkedProblem.GetProperty("errors").TryGetProperty("$", out _));
    }

    private async Task<int> CountAccountsAsync() =>
        (await host.App.Services.GetRequiredService<IAccountStore>().ListAsync(null, 100_000)).Count;

    private async Task<string> StreamAsync(string sessionId, string apiKey)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await Http.SendAsync(WithKey(HttpMethod.Get, $"/live-sim/sessions/{sessionId}/stream", apiKey), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        await foreach (var item in System.Net.ServerSentEvents.SseParser.Create(stream).EnumerateAsync(timeout.Token))
        {
            return item.EventType;
        }

        return "";
    }
}
