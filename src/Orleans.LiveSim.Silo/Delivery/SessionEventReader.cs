using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orleans.LiveSim.Abstractions.Events;
using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Silo.Delivery;

/// <summary>
/// What one client receives, the same for SSE and WebSocket: a snapshot first (or, when resuming, the events it
/// missed; a <c>resync</c> snapshot when the resume id is out of the session's range), then every event in eventSeq
/// order, keep-alives while quiet, and a fresh snapshot (<c>resync</c>) whenever it lagged behind or the room lost
/// events. Keep-alives run on <paramref name="time"/>.
/// </summary>
public sealed class SessionEventReader(SessionRooms rooms, JsonSerializerOptions json, TimeProvider time)
{
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    // Views are written with the HTTP options, so a snapshot's view reads exactly like GET /live-sim/sessions/{id}.
    private readonly JsonTypeInfo<SessionSnapshot> _snapshot = (JsonTypeInfo<SessionSnapshot>)json.GetTypeInfo(typeof(SessionSnapshot));

    public async IAsyncEnumerable<OutboundItem> ReadAsync(
        SessionRoom room,
        RoomClient client,
        WatchReply reply,
        long afterEventSeq,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        client.StartKeepAlive(time, KeepAlive);
        // Ending the client's queue when the caller gives up wakes the reader as a cancelled wait would; once per client,
        // where a token passed to each wait would be registered and unregistered for every event.
        using var closeOnCancel = cancellationToken.UnsafeRegister(static c => ((RoomClient)c!).Close(), client);
        try
        {
            long last;
            if (afterEventSeq >= 0 && (!reply.Complete || afterEventSeq > reply.View!.EventSeq))
            {
                // A resume that cannot be honoured: from before the oldest event the session kept, or ahead of the session
                // (an id of another session, or of an in-memory silo before it restarted). Waiting for that id would be
                // silence; the client gets a fresh snapshot at once instead.
                last = reply.View!.EventSeq;
                yield return Snapshot(SessionEventTypes.Resync, reply.View);
            }
            else if (afterEventSeq >= 0)
            {
                last = afterEventSeq;
                foreach (var e in reply.Missed.Where(e => e.EventSeq > afterEventSeq))
                {
                    last = e.EventSeq;
                    yield return new OutboundItem(e.Type, e.EventSeq, e.Utf8);
                }

                if (last == afterEventSeq)
                {
                    yield return OutboundItem.KeepAlive;
                }
            }
            else
            {
                last = reply.View!.EventSeq;
                yield return Snapshot(SessionEventTypes.Snapshot, reply.View);
            }

            client.MarkSent();
            while (!cancellationToken.IsCancellationRequested)
            {
                if (client.Lagged || client.NeedsResync)
                {
                    client.ResetLag();
                    client.NeedsResync = false;
                    var fresh = await room.Session.GetAsync(room.Caller);
                    if (fresh.View is null)
                    {
                        yield break;
                    }

                    last = fresh.View.EventSeq;
                    client.MarkSent();
                    yield return Snapshot(SessionEventTypes.Resync, fresh.View);
                    continue;
                }

                // Waits for an event (or the keep-alive timer's signal); false once the queue ended: the client closed or
                // went away, or the room closed.
                if (!await client.Reader.WaitToReadAsync(CancellationToken.None))
                {
                    yield break;
                }

                while (client.Reader.TryRead(out var e))
                {
                    if (ReferenceEquals(e, RoomClient.QuietSignal))
                    {
                        // The client's keep-alive timer found it quiet; an item sent since then makes the keep-alive moot.
                        if (client.Quiet)
                        {
                            client.MarkSent();
                            yield return OutboundItem.KeepAlive;
                        }
                    }
                    else if (e.EventSeq > last)
                    {
                        last = e.EventSeq;
                        client.MarkSent();
                        yield return new OutboundItem(e.Type, e.EventSeq, e.Utf8);
                    }
                }
            }
        }
        finally
        {
            await rooms.LeaveAsync(room, client);
        }
    }

    private OutboundItem Snapshot(string type, SessionView view) => new(type, view.EventSeq, SessionEventJson.SnapshotUtf8(type, view, _snapshot));
}
