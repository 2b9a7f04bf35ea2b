using System.Threading.Channels;
using Orleans.LiveSim.Abstractions.Events;
using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Silo.Delivery;

/// <summary>
/// One connected client (an SSE response or a WebSocket) of a room, with its own bounded queue: a client that
/// cannot keep up only loses its own queue, is marked <see cref="Lagged"/>, and resyncs from a snapshot. Its one
/// keep-alive timer (<see cref="StartKeepAlive"/>) wakes its reader with <see cref="QuietSignal"/> when nothing was sent
/// for a period.
/// </summary>
public sealed class RoomClient
{
    /// <summary>Queued by the keep-alive timer to wake a quiet reader; not an event (its eventSeq is never delivered).</summary>
    public static readonly SessionEventEnvelope QuietSignal = new(-1, SessionEventTypes.KeepAlive, []);

    private readonly Channel<SessionEventEnvelope> _queue;
    private int _lagged;
    private TimeProvider _time = TimeProvider.System;
    private TimeSpan _keepAlivePeriod;
    private ITimer? _keepAlive;
    private long _sentAt;

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

    /// <summary>Whether nothing was sent for a keep-alive period (see <see cref="MarkSent"/>).</summary>
    public bool Quiet => _time.GetElapsedTime(Volatile.Read(ref _sentAt)) >= _keepAlivePeriod;

    public void Offer(SessionEventEnvelope envelope)
    {
        if (!_queue.Writer.TryWrite(envelope))
        {
            Volatile.Write(ref _lagged, 1);
        }
    }

    /// <summary>
    /// Starts the client's keep-alive: one timer for the connection's life, not one per wait (the reader used to
    /// arm a timer and two cancellation sources for every wait, that is for every event). The timer only looks at
    /// when the last item was sent, and queues <see cref="QuietSignal"/> once that is a whole period ago.
    /// </summary>
    public void StartKeepAlive(TimeProvider time, TimeSpan period)
    {
        _time = time;
        _keepAlivePeriod = period;
        MarkSent();
        _keepAlive = time.CreateTimer(static c => ((RoomClient)c!).CheckQuiet(), this, period, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Records that an item was just sent: the next keep-alive is due a whole period from now.</summary>
    public void MarkSent() => Volatile.Write(ref _sentAt, _time.GetTimestamp());

    /// <summary>Drops everything queued and clears the lag mark (the caller sends a fresh snapshot).</summary>
    public void ResetLag()
    {
        while (_queue.Reader.TryRead(out _))
        {
        }

        Volatile.Write(ref _lagged, 0);
    }

    public void Close()
    {
        _queue.Writer.TryComplete();
        _keepAlive?.Dispose();
    }

    private void CheckQuiet()
    {
        var idle = _time.GetElapsedTime(Volatile.Read(ref _sentAt));
        if (idle >= _keepAlivePeriod)
        {
            // A full queue needs no wake-up (and must not count as lag): the reader is busy sending.
            _queue.Writer.TryWrite(QuietSignal);
            idle = TimeSpan.Zero;
        }

        try
        {
            _keepAlive?.Change(_keepAlivePeriod - idle, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Closed meanwhile.
        }
    }
}
