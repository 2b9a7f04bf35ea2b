using System.Collections.Concurrent;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Grains.Delivery;
using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.Silo.Delivery;

/// <summary>
/// The rooms of this front silo: one watch per watched session and credential (its access token, a viewer token, an
/// account, the operator), however many clients watch it here with it, so the session's cost does not grow with its
/// audience, and each room re-watches with its own credential (a revoked viewer token loses its room). Renews every
/// room's lease in the background, and closes a room whose API key was revoked.
/// </summary>
public sealed partial class SessionRooms(IGrainFactory grains, ILogger<SessionRooms> logger, TimeProvider time, ApiKeyCache? keys = null, LocalSessionObservers? local = null) : BackgroundService
{
    /// <summary>Events a client may have queued before it counts as lagging. Default 512.</summary>
    public const int ClientQueueCapacity = 512;

    private static readonly TimeSpan RenewPeriod = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan UnwatchGrace = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<(string SessionId, Caller Caller, string? ApiKeyHash), SessionRoom> _rooms = new();
    // Joins and leaves of one session are serialized (they create and drop its room); different sessions' are not.
    private readonly SemaphoreSlim[] _gates = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>
    /// Joins the session's room (creating it and watching the session if needed). Returns the watch reply; its
    /// view is the client's snapshot, and its missed events follow <paramref name="afterEventSeq"/> when given (>= 0).
    /// <paramref name="apiKeyHash"/> is the hash of the API key the caller's account came from, if any: the room ends
    /// when that key is revoked.
    /// </summary>
    public async Task<(WatchReply Reply, SessionRoom? Room, RoomClient? Client)> JoinAsync(string sessionId, Caller caller, long afterEventSeq, string? apiKeyHash = null)
    {
        var session = grains.GetGrain<ISessionGrain>(sessionId);
        var client = new RoomClient(ClientQueueCapacity);
        var gate = GateOf(sessionId);
        await gate.WaitAsync();
        try
        {
            var existing = _rooms.GetValueOrDefault((sessionId, caller, apiKeyHash));
            var room = existing ?? new SessionRoom(sessionId, caller, session) { ApiKeyHash = apiKeyHash };
            if (room.Reference is null)
            {
                room.Reference = grains.CreateObjectReference<ISessionObserver>(room);
                // Sessions on this silo hand the room their events in process (LocalSessionObservers).
                local?.Add(room.Reference, room);
            }

            // Attach before watching, so no event published after the snapshot can slip past this client.
            room.Add(client);
            var reply = await session.WatchAsync(caller, room.Reference, afterEventSeq);
            if (reply.Access != SessionAccess.Ok)
            {
                if (room.Remove(client) && room != existing)
                {
                    Forget(room.Reference);
                }

                return (reply, null, null);
            }

            if (room != existing)
            {
                _rooms[(sessionId, caller, apiKeyHash)] = room;
            }

            room.Seed(reply.View!.EventSeq);
            return (reply, room, client);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task LeaveAsync(SessionRoom room, RoomClient client)
    {
        client.Close();
        if (!room.Remove(client))
        {
            return;
        }

        var gate = GateOf(room.SessionId);
        await gate.WaitAsync();
        try
        {
            if (room.ClientCount == 0 && _rooms.TryRemove((room.SessionId, room.Caller, room.ApiKeyHash), out _))
            {
                await room.Session.UnwatchAsync(room.Reference!);
                _ = DeleteLaterAsync(room.Reference!);
            }
        }
        catch (Exception ex)
        {
            LogUnwatchFailed(logger, ex, room.SessionId);
        }
        finally
        {
            gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewPeriod, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var room in _rooms.Values)
            {
                try
                {
                    if (room.ApiKeyHash is { } hash && keys is not null && await keys.FindAsync(hash, stoppingToken) is not { Revoked: false })
                    {
                        // The key its account came from was revoked: its streams end (they leave, and the last one unwatches).
                        room.CloseAll();
                        continue;
                    }

                    // Renewing also recovers: if the session moved or restarted, this watches it again and
                    // returns what the room missed (or says it cannot, and the clients resync).
                    var reply = await room.Session.WatchAsync(room.Caller, room.Reference!, room.LastSeq);
                    room.Deliver(reply.Missed, reply.Complete);
                }
                catch (Exception ex)
                {
                    LogRenewFailed(logger, ex, room.SessionId);
                }
            }
        }
    }

    // Events the session sent before it handled the unwatch may still be on their way to the room (they reach an empty
    // room and are dropped); deleting the reference at once made the runtime log each of them as an error.
    private async Task DeleteLaterAsync(ISessionObserver reference)
    {
        await Task.Delay(UnwatchGrace, time);
        try
        {
            Forget(reference);
        }
        catch (ObjectDisposedException)
        {
            // The silo stopped meanwhile; its references went with it.
        }
    }

    // A room's reference goes: no session hands it events in process any more, and the runtime drops the object.
    private void Forget(ISessionObserver reference)
    {
        local?.Remove(reference);
        grains.DeleteObjectReference<ISessionObserver>(reference);
    }

    private SemaphoreSlim GateOf(string sessionId) => _gates[(int)((uint)StringComparer.Ordinal.GetHashCode(sessionId) % (uint)_gates.Length)];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {SessionId}: renewing the watch failed")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {SessionId}: unwatch failed")]
    private static partial void LogUnwatchFailed(ILogger logger, Exception exception, string sessionId);
}
