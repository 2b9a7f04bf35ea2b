using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>An account made through the API for a test, with one API key.</summary>
public sealed record TestAccount(string AccountId, string KeyId, string Key);

/// <summary>Accounts and keys as the operator makes them, and requests that carry an API key or the operator key.</summary>
public static class AccountClient
{
    public static async Task<TestAccount> CreateAsync(HttpClient http, string name = "test account")
    {
        using var created = await http.SendAsync(Operator(HttpMethod.Post, "/live-sim/accounts", JsonBody(JsonSerializer.Serialize(new { name }))));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var accountId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accountId").GetString()!;
        var (keyId, key) = await CreateKeyAsync(http, accountId);
        return new TestAccount(accountId, keyId, key);
    }

    public static async Task<(string KeyId, string Key)> CreateKeyAsync(HttpClient http, string accountId)
    {
        using var response = await http.SendAsync(Operator(HttpMethod.Post, $"/live-sim/accounts/{accountId}/keys"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var key = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (key.GetProperty("keyId").GetString()!, key.GetProperty("key").GetString()!);
    }

    public static HttpRequestMessage Operator(HttpMethod method, string path, HttpContent? content = null) =>
        new(method, path) { Content = content, Headers = { { "X-Operator-Key", HostFixture.OperatorKey } } };

    public static HttpRequestMessage WithKey(HttpMethod method, string path, string apiKey, HttpContent? content = null) =>
        new(method, path) { Content = content, Headers = { { "X-Api-Key", apiKey } } };

    public static StringContent JsonBody(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>Creates a session with the account's key (its view and its access token, as the anonymous create returns them).</summary>
    public static async Task<CreatedSession> CreateSessionAsync(HttpClient http, string apiKey, string body = "{}")
    {
        var response = await http.SendAsync(WithKey(HttpMethod.Post, "/live-sim/sessions", apiKey, JsonBody(body)));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create returned {(int)response.StatusCode}: {text}");
        var view = JsonDocument.Parse(text).RootElement.Clone();
        return new CreatedSession(view.GetProperty("id").GetString()!, view.GetProperty("accessToken").GetString()!, view, response);
    }

    /// <summary>The ids of a listing page and its next cursor.</summary>
    public static async Task<(List<string> Ids, string? Next, HttpStatusCode Status)> ListAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return ([], null, response.StatusCode);
            }

            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            return ([.. page.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetString()!)], page.GetProperty("next").GetString(), response.StatusCode);
        }
    }

    /// <summary>The status and ProblemDetails of a refused request.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Problem)> ProblemAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{(int)response.StatusCode} {response.Content.Headers.ContentType}: {text}");
            return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
        }
    }
}
