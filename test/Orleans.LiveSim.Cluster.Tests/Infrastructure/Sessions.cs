using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Orleans.LiveSim.Cluster.Tests.Infrastructure;

/// <summary>A session as created through the HTTP API: its id, access token and the view returned at creation.</summary>
public sealed record CreatedSession(string Id, string Token, JsonElement View)
{
    public long LastSeqAtCreation => View.GetProperty("connection").GetProperty("lastSeq").GetInt64();
}

/// <summary>The sessions API over plain HTTP, as a client would use it.</summary>
public static class Sessions
{
    /// <summary>Bets on every round from tick 1, five bets back to back: plenty of open and settled bets.</summary>
    public const string AggressiveBody = """{"strategy":{"params":{"entryTick":1,"numBets":5,"cooldown":0,"betSizes":[0.001]}}}""";

    public static async Task<CreatedSession> CreateAsync(HttpClient http, string body = AggressiveBody)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("/live-sim/sessions", UriKind.Relative), content);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"create returned {(int)response.StatusCode}: {json}");
        return new CreatedSession(json.GetProperty("id").GetString()!, json.GetProperty("accessToken").GetString()!, json);
    }

    public static async Task<JsonElement> GetAsync(HttpClient http, CreatedSession session)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/live-sim/sessions/{session.Id}", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET session {session.Id} returned {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> StopAsync(HttpClient http, CreatedSession session)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/live-sim/sessions/{session.Id}/stop", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        using var response = await http.SendAsync(request);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"stop returned {(int)response.StatusCode}: {json}");
        return json;
    }

    public static long LastSeq(JsonElement view) => view.GetProperty("connection").GetProperty("lastSeq").GetInt64();

    public static long Stat(JsonElement view, string name) => view.GetProperty("stats").GetProperty(name).GetInt64();

    public static string Status(JsonElement view) => view.GetProperty("status").GetString()!;

    /// <summary>
    /// The audit of one session: every seq since creation applied exactly once (a tick or a gap marker), every bet
    /// placed is open or settled exactly once, and the wallet identity holds to the last decimal.
    /// </summary>
    public static void AssertConsistent(CreatedSession session, JsonElement view)
    {
        var stats = view.GetProperty("stats");
        var wallet = view.GetProperty("wallet");
        var id = session.Id;
        Assert.True(
            Stat(view, "ticksProcessed") + Stat(view, "feedGaps") == LastSeq(view) - session.LastSeqAtCreation,
            $"{id}: ticksProcessed {Stat(view, "ticksProcessed")} + feedGaps {Stat(view, "feedGaps")} != lastSeq {LastSeq(view)} - {session.LastSeqAtCreation}");
        var activeBets = view.GetProperty("activeBets").GetArrayLength();
        Assert.True(
            Stat(view, "betsPlaced") == Stat(view, "betsWon") + Stat(view, "betsLost") + Stat(view, "betsVoided") + activeBets,
            $"{id}: betsPlaced {Stat(view, "betsPlaced")} != won {Stat(view, "betsWon")} + lost {Stat(view, "betsLost")} + voided {Stat(view, "betsVoided")} + active {activeBets}");
        var starting = wallet.GetProperty("startingBalance").GetDecimal();
        var netPnl = stats.GetProperty("netPnl").GetDecimal();
        var balance = wallet.GetProperty("balance").GetDecimal();
        var inBets = wallet.GetProperty("inBets").GetDecimal();
        Assert.True(starting + netPnl == balance + inBets, $"{id}: startingBalance {starting} + netPnl {netPnl} != balance {balance} + inBets {inBets}");
    }
}
