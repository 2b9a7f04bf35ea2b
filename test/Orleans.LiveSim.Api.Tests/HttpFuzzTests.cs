using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>
/// Property-based HTTP fuzzing of every endpoint: valid requests mutated (bodies, ids, query strings, headers) with
/// hostile values (lone surrogates, numbers out of range, wrong types, deep nesting, cut-off JSON, unknown fields).
/// Whatever is sent, the silo answers below 500; a 4xx is a ProblemDetails; and a rejected request changes nothing
/// (the sessions, the recordings, the accounts and their keys, a known session's state and viewers). Credentials are
/// generated too: a known account's API key (as <c>Authorization: ApiKey</c> or <c>X-Api-Key</c>), wrong and empty keys,
/// the known session's token and a read-only viewer token of it.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class HttpFuzzTests(HostFixture host)
{
    private static readonly string[] Seeds =
    [
        "{}",
        """{"feedId":"demo","strategy":{"id":"tick-schedule","params":{"entryTick":20,"numBets":4,"cooldown":5,"betSizes":[0.001],"sizing":"kelly","maxDrawdownPct":0.5}},"startingBalance":0.1}""",
        """{"source":{"feedId":"demo","fromSeq":1,"toSeq":5,"speed":"max"}}""",
        """{"legacyStrategy":{"name":"x","initial_balance":0.1,"params":{"entry_tick":20,"num_bets":2,"bet_sizes":[0.002],"use_kelly_sizing":false}}}""",
        """{"schema_version":"2.0.0","name":"y","source":"monte_carlo","execution":{"entry_tick":30,"num_bets":3,"bet_sizes":[0.001],"initial_balance":0.1},"scaling":{"mode":"theta_bayesian","theta_base":0.5,"theta_max":2},"risk_controls":{"daily_loss_limit":null},"monte_carlo_metrics":{"win_rate_assumption":0.2}}""",
        """{"feedId":"demo","entry_tick":10,"bet_sizes":[0.001]}""",
    ];

    private static readonly string[] AccountSeeds =
    [
        """{"name":"fuzz <img src=x onerror=alert(1)>"}""",
        """{"name":"</script><script>alert(1)</script>"}""",
    ];

    private static readonly string[] HostileValues =
    [
        "\"\\ud800\"", "\"a\\udc00b\"", "\"\\ud800\\ud800\"", "1e308", "-1e308", "1e-400", "123456789012345678901234567890", "-1", "0", "2.5",
        "null", "true", "[]", "{}", "\"\"", "\"max\"", "[1e308]", "[\"\\ud800\"]", "{\"\\ud800\":1}", "{\"x\":{\"y\":[null]}}",
        new string('[', 100) + new string(']', 100), "\"" + new string('x', 5000) + "\"", "[" + string.Join(",", Enumerable.Repeat("0.001", 150)) + "]",
    ];

    private static readonly string[] Ids = ["", "nope", "0123456789abcdef0123456789abcdef", "%ED%A0%80", "%00", "..%2F..", "x%20y", new('a', 3000), "demo", "provider", "recording-x"];

    private static readonly string[] QueryValues = ["abc", "0", "-1", "1001", "99999999999999999999", "1e3", "%ED%A0%80", "", "history", "messages", "%3Cscript%3E", "running", "stopped", "live", "replay", "demo"];

    private static readonly string[] ContentTypes = ["application/json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16", "multipart/form-data; boundary=x", ""];

    /// <summary>One generated request; the session placeholders are filled with the fixture session's id and token.</summary>
    public sealed record FuzzRequest(string Method, string Path, string? Body, string ContentType, string? Authorization, string? OperatorKey, string? LastEventId, string? ApiKey = null)
    {
        public override string ToString() =>
            $"{Method} {Path} ct={ContentType} auth={Authorization} key={ApiKey} op={OperatorKey} lei={LastEventId} body={Body?[..Math.Min(Body.Length, 300)]}";
    }

    /// <summary>What the generated requests may name: a session with its token and a viewer token, an account with its key, a recording.</summary>
    private sealed record Known(CreatedSession Session, string ViewerId, string ViewerToken, TestAccount Account, string RecordingId);

    [Fact]
    public async Task Any_request_to_any_endpoint_is_answered_below_500_with_problem_details_and_a_rejected_one_changes_nothing()
    {
        var known = await KnownAsync();
        var seen = new SortedSet<int>();

        await Requests().SampleAsync(
            async request =>
            {
                var before = await StateAsync(known);
                using var response = await SendAsync(request, known);
                var status = (int)response.StatusCode;
                seen.Add(status);
                var text = response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? "" : await response.Content.ReadAsStringAsync();
                Assert.True(status < 500, $"{status} for {request}: {text}");
                // Kestrel itself refuses a path with an encoded NUL (400, no body) before any middleware runs.
                var refusedByKestrel = status == 400 && request.Path.Contains("%00", StringComparison.Ordinal) && text.Length == 0;
                if (status >= 400 && !refusedByKestrel)
                {
                    Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{status} without ProblemDetails for {request}: {text}");
                    Assert.Equal(status, JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32());
                    Assert.Equal(before, await StateAsync(known));
                }
                else if (request.Method == "DELETE")
                {
                    // It deleted a viewer token, a key or a recording the requests name: new ones, so that what they can
                    // reach (a read-only token's 403, an owner's delete) stays reachable.
                    known = await KnownAsync();
                }
                else if (request.Method == "POST" && request.Path == "/live-sim/sessions")
                {
                    // Keep the fixture quiet: a session the fuzzer managed to create is stopped at once.
                    var created = JsonDocument.Parse(text).RootElement;
                    using var stop = await host.Http.SendAsync(AccountClient.Operator(HttpMethod.Post, $"/live-sim/sessions/{created.GetProperty("id").GetString()}/stop"));
                    Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
                }
            },
            iter: 1000,
            threads: 1,
            print: r => r.ToString());

        // The requests reached past validation as well as being refused at every step.
        Assert.Subset(seen, new SortedSet<int> { 200, 201, 204, 400, 401, 403, 404 });
    }

    private static Gen<FuzzRequest> Requests()
    {
        var body = Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Int[0, 6], Gen.Int[0, 1000], Gen.Int[0, HostileValues.Length - 1], (seed, kind, at, value) => Mutate(Seeds[seed], kind, at, HostileValues[value]));
        var accountBody = Gen.Select(Gen.Int[0, AccountSeeds.Length - 1], Gen.Int[0, 6], Gen.Int[0, 1000], Gen.Int[0, HostileValues.Length - 1], (seed, kind, at, value) => Mutate(AccountSeeds[seed], kind, at, HostileValues[value]));
        // Known ids and credentials as often as all the hostile ones together, so that requests get past every check.
        var id = KnownOr("{session}", Gen.OneOf(Ids));
        var accountId = KnownOr("{account}", Gen.OneOf(Ids));
        var keyId = KnownOr("{keyId}", Gen.OneOf(Ids));
        var viewerId = KnownOr("{viewer}", Gen.OneOf(Ids));
        var recordingId = KnownOr("{recording}", Gen.OneOf(Ids));
        var query = Gen.OneOf(QueryValues);
        var path = Gen.OneOf(
            Gen.Select(body, b => ("POST", "/live-sim/sessions", (string?)b)),
            Gen.Select(query, query, (limit, after) => ("GET", $"/live-sim/sessions?limit={limit}&after={after}", (string?)null)),
            Gen.Select(id, i => ("GET", $"/live-sim/sessions/{i}", (string?)null)),
            Gen.Select(id, body, (i, b) => ("POST", $"/live-sim/sessions/{i}/stop", (string?)b)),
            Gen.Select(id, query, (i, q) => ("GET", $"/live-sim/sessions/{i}/stream?lastEventId={q}", (string?)null)),
            Gen.Select(id, i => ("GET", $"/live-sim/sessions/{i}/ws", (string?)null)),
            Gen.Select(id, i => ("GET", $"/live-sim/feeds/{i}", (string?)null)),
            Gen.Select(id, i => ("POST", $"/live-sim/feeds/{i}/start", (string?)null)),
            Gen.Select(query, query, body, (name, content, b) => ("POST", $"/live-sim/recordings?name={name}&content={content}", (string?)b)),
            Gen.Select(id, i => ("GET", $"/live-sim/recordings/{i}", (string?)null)),
            Gen.Select(id, i => ("GET", $"/live-sim/schema/v1/{i}.json", (string?)null)),
            Gen.Select(id, i => ("GET", $"/live-sim/strategies?x={i}", (string?)null)),
            Gen.Select(query, query, query, query, (status, mode, feed, after) => ("GET", $"/live-sim/sessions?status={status}&mode={mode}&feedId={feed}&after={after}", (string?)null)),
            Gen.Select(id, body, (i, b) => ("POST", $"/live-sim/sessions/{i}/viewers", (string?)b)),
            Gen.Select(id, i => ("GET", $"/live-sim/sessions/{i}/viewers", (string?)null)),
            Gen.Select(id, viewerId, (i, v) => ("DELETE", $"/live-sim/sessions/{i}/viewers/{v}", (string?)null)),
            Gen.Select(accountBody, b => ("POST", "/live-sim/accounts", (string?)b)),
            Gen.Select(query, query, (limit, after) => ("GET", $"/live-sim/accounts?limit={limit}&after={after}", (string?)null)),
            Gen.Select(accountId, a => ("GET", $"/live-sim/accounts/{a}", (string?)null)),
            Gen.Select(accountId, accountBody, (a, b) => ("POST", $"/live-sim/accounts/{a}/keys", (string?)b)),
            Gen.Select(accountId, keyId, (a, k) => ("DELETE", $"/live-sim/accounts/{a}/keys/{k}", (string?)null)),
            Gen.Select(recordingId, r => ("GET", $"/live-sim/recordings/{r}", (string?)null)),
            Gen.Select(recordingId, r => ("DELETE", $"/live-sim/recordings/{r}", (string?)null)));
        var authorization = Gen.Frequency(
            (1, Gen.OneOf<string?>("Bearer {token}", "Bearer {viewerToken}", "ApiKey {key}")),
            (1, Gen.OneOf<string?>(null, "Bearer junk", "ApiKey junk", "ApiKey", "Basic eDp5", "Bearer ")));
        var apiKey = Gen.OneOf<string?>(null, null, "{key}", "lsk_junk", "", "%ED%A0%80");
        var operatorKey = Gen.OneOf<string?>(null, HostFixture.OperatorKey, "wrong");
        var lastEventId = Gen.OneOf<string?>(null, "abc", "-5", "99999999999999999999", "1");
        return Gen.Select(path, Gen.OneOf(ContentTypes), authorization, operatorKey, lastEventId, apiKey, (p, ct, auth, op, lei, key) => new FuzzRequest(p.Item1, p.Item2, p.Item3, ct, auth, op, lei, key));
    }

    private static Gen<string> KnownOr(string placeholder, Gen<string> hostile) => Gen.Frequency((1, Gen.Const(placeholder)), (1, hostile));

    /// <summary>
    /// A mutation of a valid body: a value replaced by a hostile one, a field removed or added (with a hostile name
    /// or value), the text cut short, or the body left as it is.
    /// </summary>
    private static string Mutate(string seed, int kind, int at, string hostile)
    {
        const string Marker = "\"@@hostile@@\"";
        if (kind == 5)
        {
            return seed[..(at % seed.Length)];
        }

        if (kind == 6)
        {
            return seed;
        }

        var root = JsonNode.Parse(seed)!;
        var nodes = Flatten(root).ToList();
        var (parent, key) = nodes.Count == 0 ? ((JsonNode?)root, (object?)"extra") : nodes[at % nodes.Count];
        switch (kind)
        {
            case 0 or 1 when parent is JsonObject o && key is string name:
                o[name] = kind == 0 ? "@@hostile@@" : null;
                if (kind == 1)
                {
                    o.Remove(name);
                }

                break;
            case 0 when parent is JsonArray a && key is int index:
                a[index] = "@@hostile@@";
                break;
            case 2 when parent is JsonObject o:
                o["@@name@@"] = "@@hostile@@";
                break;
            default:
                ((JsonObject)root)["@@name@@"] = "@@hostile@@";
                break;
        }

        return root.ToJsonString().Replace(Marker, hostile, StringComparison.Ordinal)
            .Replace("\"@@name@@\"", kind == 3 ? "\"\\ud800\"" : "\"unknownField\"", StringComparison.Ordinal);
    }

    private static IEnumerable<(JsonNode Parent, object Key)> Flatten(JsonNode node)
    {
        if (node is JsonObject o)
        {
            foreach (var (name, child) in o.ToList())
            {
                yield return (o, name);
                if (child is not null)
                {
                    foreach (var inner in Flatten(child))
                    {
                        yield return inner;
                    }
                }
            }
        }
        else if (node is JsonArray a)
        {
            for (var i = 0; i < a.Count; i++)
            {
                yield return (a, i);
            }
        }
    }

    private async Task<Known> KnownAsync()
    {
        var account = await AccountClient.CreateAsync(host.Http, "fuzz");
        var session = await AccountClient.CreateSessionAsync(host.Http, account.Key, """{"strategy":{"id":"tick-schedule","params":{"entryTick":1}}}""");
        using var viewerResponse = await host.Http.SendAsync(SessionClient.Request(HttpMethod.Post, $"/live-sim/sessions/{session.Id}/viewers", session.Token));
        var viewer = JsonDocument.Parse(await viewerResponse.Content.ReadAsStringAsync()).RootElement;
        using var upload = AccountClient.WithKey(HttpMethod.Post, "/live-sim/recordings?name=fuzz", account.Key, new StringContent(Captures.Synthetic(TimeSpan.FromSeconds(30))));
        using var uploaded = await host.Http.SendAsync(upload);
        var recording = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement;
        return new Known(session, viewer.GetProperty("viewerId").GetString()!, viewer.GetProperty("token").GetString()!, account, recording.GetProperty("recordingId").GetString()!);
    }

    private static string Fill(string text, Known known) => text
        .Replace("{session}", known.Session.Id, StringComparison.Ordinal)
        .Replace("{viewerToken}", known.ViewerToken, StringComparison.Ordinal)
        .Replace("{viewer}", known.ViewerId, StringComparison.Ordinal)
        .Replace("{token}", known.Session.Token, StringComparison.Ordinal)
        .Replace("{account}", known.Account.AccountId, StringComparison.Ordinal)
        .Replace("{keyId}", known.Account.KeyId, StringComparison.Ordinal)
        .Replace("{key}", known.Account.Key, StringComparison.Ordinal)
        .Replace("{recording}", known.RecordingId, StringComparison.Ordinal);

    private async Task<HttpResponseMessage> SendAsync(FuzzRequest r, Known known)
    {
        var request = new HttpRequestMessage(new HttpMethod(r.Method), Fill(r.Path, known));
        if (r.Body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(r.Body));
            if (r.ContentType.Length > 0)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(r.ContentType);
            }
        }

        if (r.Authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", Fill(r.Authorization, known));
        }

        if (r.ApiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", Fill(r.ApiKey, known));
        }

        if (r.OperatorKey is not null)
        {
            request.Headers.Add("X-Operator-Key", r.OperatorKey);
        }

        if (r.LastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", r.LastEventId);
        }

        // Headers only: a stream that opens is answered already and would not end.
        return await host.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>
    /// What a rejected request must not change: the sessions (the newest 1,000), the recordings, the
    /// accounts, the known account's keys, the known session's status and viewers.
    /// </summary>
    private async Task<string> StateAsync(Known known)
    {
        // Ids only: sessions of other tests may end on their own (a replay completing) while the fuzzer runs.
        var sessions = string.Join(",", JsonDocument.Parse(await OperatorTextAsync("/live-sim/sessions?limit=1000")).RootElement.GetProperty("sessions").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        var recordings = await OperatorTextAsync("/live-sim/recordings");
        var accounts = await OperatorTextAsync("/live-sim/accounts?limit=1000");
        var account = await OperatorTextAsync($"/live-sim/accounts/{known.Account.AccountId}");
        var viewers = await OperatorTextAsync($"/live-sim/sessions/{known.Session.Id}/viewers");
        var view = await SessionClient.GetViewAsync(host.Http, known.Session);
        return $"{sessions} | {recordings} | {accounts} | {account} | {viewers} | {view.GetProperty("status").GetString()}";
    }

    private async Task<string> OperatorTextAsync(string path)
    {
        using var response = await host.Http.SendAsync(AccountClient.Operator(HttpMethod.Get, path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
