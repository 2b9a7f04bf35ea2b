using System.Net;
using System.Text;
using System.Text.Json;

namespace Orleans.LiveSim.Api.Tests.History;

/// <summary>The history endpoints as a client calls them, with the session's token.</summary>
public static class HistoryClient
{
    /// <summary>Bets on every round from tick 1, five back to back: plenty of bets, open, settled and skipped.</summary>
    public const string Aggressive = """{"entryTick": 1, "numBets": 5, "cooldown": 0, "betSizes": [0.001]}""";

    /// <summary><see cref="Aggressive"/> with each bet placed two ticks after its decision: bets that a rug overtakes are skipped.</summary>
    public const string Delayed = """{"entryTick": 1, "numBets": 5, "cooldown": 0, "betSizes": [0.001], "placementLatency": 2}""";

    public static string RecordingReplay(string recordingId, string parameters = Aggressive, string extra = "") =>
        $$"""{"source": {"recordingId": "{{recordingId}}", "speed": "max"}, "strategy": {"params": {{parameters}}}, "startingBalance": 1{{extra}}}""";

    /// <summary>Creates a session with <paramref name="body"/> and waits until it has completed; returns it and its final view.</summary>
    public static async Task<(CreatedSession Session, JsonElement View)> CompletedReplayAsync(HttpClient http, string body)
    {
        var session = await SessionClient.CreateAsync(http, body);
        return (session, await CompletedAsync(http, session));
    }

    /// <summary>Forks <paramref name="parent"/> with <paramref name="body"/> (201 expected): the fork as its creator holds it.</summary>
    public static async Task<CreatedSession> ForkAsync(HttpClient http, CreatedSession parent, string body)
    {
        using var request = SessionClient.Request(HttpMethod.Post, $"/live-sim/sessions/{parent.Id}/fork", parent.Token);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"fork returned {(int)response.StatusCode}: {text}");
        var view = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal($"/live-sim/sessions/{view.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        return new CreatedSession(view.GetProperty("id").GetString()!, view.GetProperty("accessToken").GetString()!, view, response);
    }

    /// <summary>GETs <paramref name="path"/> as a file: its text and the response's headers.</summary>
    public static async Task<(string Text, HttpResponseMessage Response)> FileAsync(HttpClient http, string path, string token)
    {
        var response = await http.SendAsync(SessionClient.Request(HttpMethod.Get, path, token));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} returned {(int)response.StatusCode}: {text}");
        return (text, response);
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient http, HttpMethod method, string path, string? token, string? body = null)
    {
        using var request = SessionClient.Request(method, path, token);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static async Task<JsonElement> OkAsync(HttpClient http, HttpMethod method, string path, string? token, string? body = null)
    {
        var (status, json) = await SendAsync(http, method, path, token, body);
        Assert.True(status == HttpStatusCode.OK, $"{method} {path} returned {(int)status}: {json}");
        return json;
    }

    /// <summary>Every ledger row of the session (optionally filtered), a page of <paramref name="limit"/> at a time.</summary>
    public static async Task<List<JsonElement>> BetsAsync(HttpClient http, CreatedSession s, string query = "", int limit = 1000)
    {
        var rows = new List<JsonElement>();
        long? after = 0;
        while (after is not null)
        {
            var page = await OkAsync(http, HttpMethod.Get, $"/live-sim/sessions/{s.Id}/bets?after={after}&limit={limit}{query}", s.Token);
            Assert.True(page.GetProperty("complete").GetBoolean());
            var bets = page.GetProperty("bets").EnumerateArray().ToList();
            Assert.True(bets.Count <= limit);
            rows.AddRange(bets);
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetInt64();
        }

        return rows;
    }

    public static Task<JsonElement> CompletedAsync(HttpClient http, CreatedSession s) =>
        Poll.UntilAsync(() => SessionClient.GetViewAsync(http, s), v => v.GetProperty("status").GetString() == "completed", $"session {s.Id} to complete");

    public static long LastSeq(JsonElement view) => view.GetProperty("connection").GetProperty("lastSeq").GetInt64();

    public static long Stat(JsonElement view, string name) => view.GetProperty("stats").GetProperty(name).GetInt64();

    public static decimal Money(JsonElement element, string name) => element.GetProperty(name).ValueKind == JsonValueKind.Null ? 0m : element.GetProperty(name).GetDecimal();

    public static bool IsBet(JsonElement row) => row.GetProperty("betId").ValueKind != JsonValueKind.Null;
}
