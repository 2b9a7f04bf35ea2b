using System.Threading.Channels;
using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Silo.Delivery;

/// <summary>
/// One connected client (an SSE response or a WebSocket) of a room, with its own bounded queue: a client that
/// cannot keep up only loses its own queue, is marked <see cref="Lagged"/>, and resyncs from a snapshot.
/// </summary>
public sealed class RoomClient
{
    private readonly Channel<SessionEventEnvelope> _queue;
    private int _lagged;

    public RoomClient(int capacity)
    {
        _queue = Channel.CreateBounded<SessionEventEnvelope>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ChannelReader<SessionEventEnvelope> Reader => _queue.Reader;

    /// <summary>True once an event could not be queued; cleared by <see cref="ResetLag"/>.</summary>
    public bool Lagged => Volatile.Read(ref _lagged) == 1;

    /// <summary>Set when the room has lost events it cannot recover: the client must resync.</summary>
    public bool NeedsResync { get; set; }

    public void Offer(SessionEventEnvelope envelope)
    {
        if (!_queue.Writer.TryWrite(envelope))
        {
            Volatile.Write(ref _lagged, 1);
        }
    }

    /// <summary>Drops everything queued and clears the lag mark (the caller sends a fresh snapshot).</summary>
    public void ResetLag()
    {
        while (_queue.Reader.TryRead(out _))
        {
        }

        Volatile.Write(ref _lagged, 0);
    }

    public void Close() => _queue.Writer.TryComplete();
}
