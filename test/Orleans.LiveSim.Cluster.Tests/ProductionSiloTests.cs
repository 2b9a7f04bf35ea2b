using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orleans.LiveSim.Cluster.Tests.Infrastructure;

namespace Orleans.LiveSim.Cluster.Tests;

/// <summary>
/// A real silo process started as a deployment starts it (<c>--environment Production</c>, no operator key configured,
/// logging at Information): appsettings.Production.json closes anonymous creation, and the generated operator key is
/// printed once and never logged.
/// </summary>
public sealed partial class ProductionSiloTests
{
    [Fact]
    public async Task A_production_silo_prints_its_generated_operator_key_once_and_only_callers_with_a_key_create_sessions_and_recordings()
    {
        await using var silo = SiloProcess.Start(
        [
            "--environment", "Production",
            $"--LiveSim:SiloPort={FreePort.Next()}",
            $"--LiveSim:GatewayPort={FreePort.Next()}",
            "--Logging:LogLevel:Default=Information",
        ]);
        await silo.WaitReadyAsync();
        var printed = await Poll.UntilAsync(() => Task.FromResult(OperatorKeyLine().Match(silo.Output)), m => m.Success, "the operator key line");
        var key = printed.Groups[1].Value;

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
        Assert.StartsWith("LiveSim:OperatorKey is not set", printed.Value, StringComparison.Ordinal);
        Assert.Contains("\n" + printed.Value, "\n" + silo.Output, StringComparison.Ordinal);
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
