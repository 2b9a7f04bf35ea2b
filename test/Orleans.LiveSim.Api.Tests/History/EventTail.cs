using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;

namespace Orleans.LiveSim.Api.Tests.History;

/// <summary>
/// A session's SSE stream read in the background while a test acts on the session: every event is validated against the
/// published schemas and kept in <see cref="Seen"/>; <see cref="NextAsync"/> awaits the next one of a type.
/// </summary>
public sealed class EventTail : IAsyncDisposable
{
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromMinutes(2));
    private readonly Task _reading;

    private EventTail(HttpClient http, CreatedSession s) => _reading = ReadAsync(http, s);

    /// <summary>Every event read so far (keep-alives aside), in order.</summary>
    public ConcurrentQueue<JsonElement> Seen { get; } = new();

    public static async Task<EventTail> OpenAsync(HttpClient http, CreatedSession s)
    {
        var tail = new EventTail(http, s);
        await tail.NextAsync("snapshot");
        return tail;
    }

    /// <summary>The next event of <paramref name="type"/> (that <paramref name="where"/> accepts); the ones before it are in <see cref="Seen"/>.</summary>
    public async Task<JsonElement> NextAsync(string type, Func<JsonElement, bool>? where = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(45));
        try
        {
            while (true)
            {
                var e = await _events.Reader.ReadAsync(deadline.Token);
                if (e.GetProperty("type").GetString() == type && (where is null || where(e)))
                {
                    return e;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Expected a {type} event within 45 s; the last read: {(Seen.IsEmpty ? "none" : Seen.Last().GetRawText())}");
        }
        catch (ChannelClosedException ex)
        {
            throw new InvalidOperationException($"The stream ended before a {type} event", ex.InnerException);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task ReadAsync(HttpClient http, CreatedSession s)
    {
        try
        {
            using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/live-sim/sessions/{s.Id}/stream?access_token={s.Token}"), HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync(_stop.Token);
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(_stop.Token))
            {
                if (item.EventType == "keepalive")
                {
                    continue;
                }

                await EventSchemas.ValidateAsync(http, item.Data);
                var e = JsonDocument.Parse(item.Data).RootElement.Clone();
                Seen.Enqueue(e);
                await _events.Writer.WriteAsync(e, _stop.Token);
            }

            _events.Writer.TryComplete();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _events.Writer.TryComplete(ex);
        }
    }
}
