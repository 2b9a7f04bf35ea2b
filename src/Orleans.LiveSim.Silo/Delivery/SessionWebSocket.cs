using System.Net.WebSockets;
using Orleans.LiveSim.Abstractions.Events;

namespace Orleans.LiveSim.Silo.Delivery;

/// <summary>Sends a client's items as WebSocket text frames (the event JSON), until either side closes.</summary>
public static class SessionWebSocket
{
    public static async Task PumpAsync(WebSocket socket, IAsyncEnumerable<OutboundItem> items, CancellationToken cancellationToken)
    {
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Sends are not cancelled one by one (a send with a token that can be cancelled takes ManagedWebSocket's slow
        // path: an async state machine and a token registration per frame); a connection that goes away aborts the
        // socket instead, which fails a send in progress.
        using var abort = cancellationToken.UnsafeRegister(static s => ((WebSocket)s!).Abort(), socket);
        var receive = DrainIncomingAsync(socket, closed);
        try
        {
            await foreach (var item in items.WithCancellation(closed.Token))
            {
                // The event's own UTF-8 bytes, shared with every other client: nothing is encoded or copied per client.
                var payload = item.Type == SessionEventTypes.KeepAlive ? SessionEventJson.KeepAliveUtf8 : item.Utf8;
                await socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
        }

        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                // Also answers a client's close, completing the handshake.
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "session stream ended", CancellationToken.None);
            }
            catch (WebSocketException)
            {
            }
        }

        // When the stream ended here (a sweep that is done), give the client a moment to answer the close: cutting the
        // connection at once can reset it before the close frame is read.
        await Task.WhenAny(receive, Task.Delay(CloseGrace, CancellationToken.None));
        await closed.CancelAsync();
        await receive;
    }

    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    // The protocol is one-way; reading is only how a client's close (or a dead connection) is noticed.
    private static async Task DrainIncomingAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[256];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            await closed.CancelAsync();
        }
    }
}
