using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;

namespace Orleans.LiveSim.LoadDriver;

/// <summary>
/// Real WebSocket clients of <c>/live-sim/sessions/{id}/ws</c>, as a dashboard would be: each reads every frame,
/// checks that eventSeq has no holes (a hole or a <c>resync</c> means lost events) and records, for each
/// <c>live_tick</c>, the time from the tick's <c>receivedAt</c> (its arrival at the feed) to the frame's arrival here.
/// </summary>
public sealed class WatcherPool : IAsyncDisposable
{
    private readonly List<(ClientWebSocket Socket, Task Loop)> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private long _frames;
    private long _ticks;
    private long _lost;
    private long _resyncs;
    private long _closed;
    private long _connectFailures;

    /// <summary>Feed receive (<c>receivedAt</c>) to client receive, per <c>live_tick</c> frame.</summary>
    public LatencyHistogram Latency { get; } = new();

    public int Connected => _clients.Count;

    public WatchCounters Counters => new(
        Interlocked.Read(ref _frames),
        Interlocked.Read(ref _ticks),
        Interlocked.Read(ref _lost),
        Interlocked.Read(ref _resyncs),
        Interlocked.Read(ref _closed),
        Interlocked.Read(ref _connectFailures));

    /// <summary>Connects one client per target, <paramref name="parallel"/> at a time; each client starts reading at once.</summary>
    public async Task ConnectAsync(Uri baseUrl, IReadOnlyList<(string Id, string Token)> targets, int parallel, Action<int> progress)
    {
        var ws = new UriBuilder(baseUrl) { Scheme = baseUrl.Scheme == "https" ? "wss" : "ws" }.Uri;
        var gate = new Lock();
        var done = 0;
        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (target, _) =>
        {
            var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = TimeSpan.Zero;
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await socket.ConnectAsync(new Uri(ws, $"/live-sim/sessions/{target.Id}/ws?access_token={Uri.EscapeDataString(target.Token)}"), timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or HttpRequestException)
            {
                socket.Dispose();
                Interlocked.Increment(ref _connectFailures);
                return;
            }

            lock (gate)
            {
                _clients.Add((socket, Task.Run(() => ReadAsync(socket, _stop.Token))));
            }

            var n = Interlocked.Increment(ref done);
            if (n % 1000 == 0)
            {
                progress(n);
            }
        });
    }

    private async Task ReadAsync(ClientWebSocket socket, CancellationToken stop)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        var last = -1L;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }

                    result = await socket.ReceiveAsync(buffer.AsMemory(length), stop);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Interlocked.Increment(ref _closed);
                    return;
                }

                var arrived = DateTimeOffset.UtcNow;
                Interlocked.Increment(ref _frames);
                var frame = Parse(buffer.AsSpan(0, length));
                if (frame.EventSeq is not { } seq)
                {
                    continue;
                }

                if (frame.Type == "resync" && last >= 0)
                {
                    Interlocked.Increment(ref _resyncs);
                    Interlocked.Add(ref _lost, Math.Max(0, seq - last));
                }
                else if (frame.Type != "snapshot" && last >= 0 && seq > last + 1)
                {
                    Interlocked.Add(ref _lost, seq - last - 1);
                }

                last = Math.Max(last, seq);
                if (frame.ReceivedAt is { } receivedAt)
                {
                    Interlocked.Increment(ref _ticks);
                    Latency.RecordMs((arrived - receivedAt).TotalMilliseconds);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            if (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref _closed);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (string? Type, long? EventSeq, DateTimeOffset? ReceivedAt) Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string? type = null;
        long? eventSeq = null;
        DateTimeOffset? receivedAt = null;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.CurrentDepth == 1 && reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.GetString();
            }
            else if (reader.CurrentDepth == 1 && reader.ValueTextEquals("eventSeq"u8))
            {
                reader.Read();
                eventSeq = reader.GetInt64();
            }
            else if (type == "live_tick" && reader.ValueTextEquals("receivedAt"u8))
            {
                reader.Read();
                receivedAt = reader.GetDateTimeOffset();
                break;
            }
        }

        return (type, eventSeq, receivedAt);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var (socket, loop) in _clients)
        {
            try
            {
                await loop;
            }
            catch (Exception)
            {
                // A client that failed already counted itself; closing is best effort.
            }

            socket.Abort();
            socket.Dispose();
        }

        _stop.Dispose();
    }
}

/// <summary>What the watchers saw so far (cumulative; subtract two readings for a window).</summary>
public sealed record WatchCounters(long Frames, long Ticks, long Lost, long Resyncs, long Closed, long ConnectFailures)
{
    public WatchCounters Since(WatchCounters start) =>
        new(Frames - start.Frames, Ticks - start.Ticks, Lost - start.Lost, Resyncs - start.Resyncs, Closed - start.Closed, ConnectFailures);
}
