using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>A created session as a client holds it: its id, its token, and requests that carry the token.</summary>
public sealed record CreatedSession(string Id, string Token, JsonElement View, HttpResponseMessage Response);

public static class SessionClient
{
    public static async Task<CreatedSession> CreateAsync(HttpClient http, string body = "{}")
    {
        var response = await http.PostAsync("/live-sim/sessions", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"create returned {(int)response.StatusCode}: {text}");
        var view = JsonDocument.Parse(text).RootElement.Clone();
        return new CreatedSession(view.GetProperty("id").GetString()!, view.GetProperty("accessToken").GetString()!, view, response);
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public static async Task<JsonElement> GetViewAsync(HttpClient http, CreatedSession s)
    {
        using var response = await http.SendAsync(Request(HttpMethod.Get, $"/live-sim/sessions/{s.Id}", s.Token));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Reads SSE items from the session's stream until <paramref name="count"/> items satisfy <paramref name="take"/>.</summary>
    public static Task<List<SseItem<string>>> ReadStreamAsync(HttpClient http, CreatedSession s, int count, Func<SseItem<string>, bool> take, string? lastEventId = null) =>
        ReadStreamUntilAsync(http, s, items => items.Count(take) >= count, lastEventId);

    /// <summary>Reads the session's SSE stream (validating every event against the published schemas) until <paramref name="done"/> holds for what was read.</summary>
    public static async Task<List<SseItem<string>>> ReadStreamUntilAsync(HttpClient http, CreatedSession s, Func<IReadOnlyList<SseItem<string>>, bool> done, string? lastEventId = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var request = new HttpRequestMessage(HttpMethod.Get, $"/live-sim/sessions/{s.Id}/stream?access_token={s.Token}");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        var items = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(timeout.Token))
        {
            if (item.EventType != "keepalive")
            {
                await EventSchemas.ValidateAsync(http, item.Data);
            }

            items.Add(item);
            if (done(items))
            {
                break;
            }
        }

        return items;
    }
}
