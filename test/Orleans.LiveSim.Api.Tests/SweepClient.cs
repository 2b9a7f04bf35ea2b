using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>A created sweep as a client holds it: its id, its token, and requests that carry the token.</summary>
public sealed record CreatedSweep(string Id, string Token, JsonElement View);

public static class SweepClient
{
    public static async Task<CreatedSweep> CreateAsync(HttpClient http, string body)
    {
        using var response = await http.PostAsync("/live-sim/sweeps", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create returned {(int)response.StatusCode}: {text}");
        var view = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal($"/live-sim/sweeps/{view.GetProperty("id").GetString()}", response.Headers.Location?.ToString());
        return new CreatedSweep(view.GetProperty("id").GetString()!, view.GetProperty("accessToken").GetString()!, view);
    }

    public static async Task<JsonElement> GetAsync(HttpClient http, CreatedSweep s, int? top = null)
    {
        using var response = await http.SendAsync(SessionClient.Request(HttpMethod.Get, $"/live-sim/sweeps/{s.Id}{(top is null ? "" : $"?top={top}")}", s.Token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<JsonElement> CompletedAsync(HttpClient http, CreatedSweep s, int? top = null) =>
        Poll.UntilAsync(() => GetAsync(http, s, top), v => v.GetProperty("status").GetString() == "completed", $"sweep {s.Id} to complete");

    public static async Task<string> VariantsAsync(HttpClient http, CreatedSweep s, string format)
    {
        using var response = await http.SendAsync(SessionClient.Request(HttpMethod.Get, $"/live-sim/sweeps/{s.Id}/variants?format={format}", s.Token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(format == "csv" ? "text/csv" : "application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Reads the sweep's SSE stream (validating every event against the published schemas) until it ends or <paramref name="done"/> holds.</summary>
    public static async Task<List<SseItem<string>>> ReadStreamAsync(HttpClient http, CreatedSweep s, Func<IReadOnlyList<SseItem<string>>, bool>? done = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/live-sim/sweeps/{s.Id}/stream?access_token={s.Token}"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        var items = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(timeout.Token))
        {
            if (item.EventType != "keepalive")
            {
                await EventSchemas.ValidateAsync(http, item.Data);
                items.Add(item);
            }

            if (done?.Invoke(items) == true)
            {
                break;
            }
        }

        return items;
    }
}
