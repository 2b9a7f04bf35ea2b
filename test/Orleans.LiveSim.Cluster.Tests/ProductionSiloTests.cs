using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orleans.LiveSim.Cluster.Tests.Infrastructure;

namespace Orleans.LiveSim.Cluster.Tests;

/// <summary>
/// A real PostgreSQL silo process started as a deployment starts it (<c>--environment Production</c>, no operator key
/// configured, logging at Information): appsettings.Production.json closes anonymous creation, the generated operator
/// key is printed once and never logged, and accounts, keys and what they own are in the database across a restart.
/// </summary>
public sealed partial class ProductionSiloTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static readonly string[] Production = ["--environment", "Production", "--Logging:LogLevel:Default=Information"];

    [Fact]
    public async Task A_production_silo_prints_its_generated_operator_key_once_only_callers_with_a_key_create_and_accounts_keys_and_sessions_outlive_a_restart()
    {
        var silo = cluster.StartSilo(extra: Production);
        await silo.WaitReadyAsync();
        var (printed, key) = await OperatorKeyAsync(silo);

        using var anonymousSession = await silo.Http.PostAsync(new Uri("/live-sim/sessions", UriKind.Relative), Json("{}"));
        using var anonymousUpload = await silo.Http.PostAsync(new Uri("/live-sim/recordings?name=x", UriKind.Relative), new StringContent("{}"));
        using var wrongOperator = await silo.Http.SendAsync(Request(HttpMethod.Post, "/live-sim/accounts", ("X-Operator-Key", "wrong"), Json("""{"name":"x"}""")));
        using var account = await silo.Http.SendAsync(Request(HttpMethod.Post, "/live-sim/accounts", ("X-Operator-Key", key), Json("""{"name":"desk"}""")));
        var accountId = (await account.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accountId").GetString();
        using var keyResponse = await silo.Http.SendAsync(Request(HttpMethod.Post, $"/live-sim/accounts/{accountId}/keys", ("X-Operator-Key", key)));
        var apiKey = (await keyResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        using var session = await silo.Http.SendAsync(Request(HttpMethod.Post, "/live-sim/sessions", ("Authorization", $"ApiKey {apiKey}"), Json("{}")));
        var sessionId = (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var mine = await silo.Http.SendAsync(Request(HttpMethod.Get, "/live-sim/sessions", ("X-Api-Key", apiKey)));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymousSession.StatusCode);
        Assert.Equal("API key required.", (await anonymousSession.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousUpload.StatusCode);
        Assert.Equal("API key required.", (await anonymousUpload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongOperator.StatusCode);
        Assert.Equal(HttpStatusCode.Created, account.StatusCode);
        Assert.Equal(HttpStatusCode.Created, session.StatusCode);
        Assert.Equal([sessionId], (await mine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        // Printed once, as a plain line of its own (no logger's category or level), and in no log line.
        Assert.Equal(1, Regex.Count(silo.Output, Regex.Escape(key)));
        Assert.StartsWith("LiveSim:OperatorKey is not set", printed, StringComparison.Ordinal);
        Assert.Contains("\n" + printed, "\n" + silo.Output, StringComparison.Ordinal);

        // Revoke a second key, restart: the account, its keys (the revoked one too) and its session come from the database.
        using var secondKey = await silo.Http.SendAsync(Request(HttpMethod.Post, $"/live-sim/accounts/{accountId}/keys", ("X-Operator-Key", key)));
        var second = await secondKey.Content.ReadFromJsonAsync<JsonElement>();
        using var revoke = await silo.Http.SendAsync(Request(HttpMethod.Delete, $"/live-sim/accounts/{accountId}/keys/{second.GetProperty("keyId").GetString()}", ("X-Operator-Key", key)));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(0, await silo.StopAsync());
        var restarted = cluster.StartSilo(silo.HttpPort, silo.SiloPort, silo.GatewayPort, Production);
        await restarted.WaitReadyAsync();
        var (_, newKey) = await OperatorKeyAsync(restarted);

        using var mineAfter = await restarted.Http.SendAsync(Request(HttpMethod.Get, "/live-sim/sessions?status=running", ("X-Api-Key", apiKey)));
        using var revokedAfter = await restarted.Http.SendAsync(Request(HttpMethod.Get, "/live-sim/sessions", ("X-Api-Key", second.GetProperty("key").GetString()!)));
        using var accountAfter = await restarted.Http.SendAsync(Request(HttpMethod.Get, $"/live-sim/accounts/{accountId}", ("X-Operator-Key", newKey)));
        var details = await accountAfter.Content.ReadFromJsonAsync<JsonElement>();

        Assert.NotEqual(key, newKey);
        Assert.Equal([sessionId], (await mineAfter.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, revokedAfter.StatusCode);
        Assert.Equal("desk", details.GetProperty("name").GetString());
        Assert.Equal([false, true], details.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("revokedAt").ValueKind == JsonValueKind.String));
        Assert.Equal(1, details.GetProperty("quotas").GetProperty("runningSessions").GetInt64());
    }

    private static async Task<(string Line, string Key)> OperatorKeyAsync(SiloProcess silo)
    {
        var printed = await Poll.UntilAsync(() => Task.FromResult(OperatorKeyLine().Match(silo.Output)), m => m.Success, "the operator key line");
        return (printed.Value, printed.Groups[1].Value);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static HttpRequestMessage Request(HttpMethod method, string path, (string Name, string Value) header, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Add(header.Name, header.Value);
        return request;
    }

    [GeneratedRegex("LiveSim:OperatorKey is not set; the operator key for this run is ([0-9a-f]{32})")]
    private static partial Regex OperatorKeyLine();
}
