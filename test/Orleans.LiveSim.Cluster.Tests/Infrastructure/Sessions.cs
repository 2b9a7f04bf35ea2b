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

    /// <summary>Every row of the session's bet ledger, a page at a time.</summary>
    public static async Task<List<JsonElement>> BetsAsync(HttpClient http, CreatedSession session)
    {
        var rows = new List<JsonElement>();
        long? after = 0;
        while (after is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/live-sim/sessions/{session.Id}/bets?after={after}&limit=1000", UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
            using var response = await http.SendAsync(request);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(response.IsSuccessStatusCode, $"bets returned {(int)response.StatusCode}: {page}");
            Assert.True(page.GetProperty("complete").GetBoolean(), $"{session.Id}: the ledger is not complete");
            rows.AddRange(page.GetProperty("bets").EnumerateArray().Select(r => r.Clone()));
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetInt64();
        }

        return rows;
    }

    /// <summary>
    /// The ledger audit of a session that no longer changes: a row per bet placed (bet ids 1..n, each once), each settled
    /// as the stats counted, and the rows' stakes and returns add up to the wallet to the last decimal.
    /// </summary>
    public static void AssertLedger(CreatedSession session, JsonElement view, IReadOnlyList<JsonElement> rows)
    {
        var id = session.Id;
        var bets = rows.Where(r => r.GetProperty("betId").ValueKind != JsonValueKind.Null).ToList();
        Assert.True(bets.Count == Stat(view, "betsPlaced"), $"{id}: {bets.Count} ledger rows of bets != betsPlaced {Stat(view, "betsPlaced")}");
        Assert.Equal(Enumerable.Range(1, bets.Count).Select(i => (long)i), bets.Select(r => r.GetProperty("betId").GetInt64()).Order());
        Assert.Equal(rows.Count, rows.Select(r => r.GetProperty("eventSeq").GetInt64()).Distinct().Count());
        foreach (var outcome in new[] { "won", "lost", "voided" })
        {
            var counted = Stat(view, "bets" + char.ToUpperInvariant(outcome[0]) + outcome[1..]);
            Assert.True(bets.Count(r => r.GetProperty("outcome").GetString() == outcome) == counted, $"{id}: ledger rows {outcome} != stats {counted}");
        }

        Assert.Equal(view.GetProperty("activeBets").GetArrayLength(), bets.Count(r => r.GetProperty("outcome").GetString() == "open"));
        Assert.Equal(Stat(view, "betsSkipped"), rows.Count - bets.Count);
        var wallet = view.GetProperty("wallet");
        var starting = wallet.GetProperty("startingBalance").GetDecimal();
        var sum = bets.Sum(r => (r.GetProperty("returned").ValueKind == JsonValueKind.Null ? 0m : r.GetProperty("returned").GetDecimal()) - r.GetProperty("stake").GetDecimal());
        Assert.True(starting + sum == wallet.GetProperty("balance").GetDecimal(), $"{id}: startingBalance {starting} + ledger {sum} != balance {wallet.GetProperty("balance").GetDecimal()}");
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
