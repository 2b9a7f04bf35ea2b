using System.Net.Sockets;
using Npgsql;

namespace Orleans.LiveSim.Store;

/// <summary>
/// A database failure worth retrying: its cause (what a log line and a metric group by) and whether the statement
/// surely never ran, which is what makes retrying a write safe.
/// </summary>
/// <param name="Cause">A short, stable description: the SQLSTATE and message, or the exception types; never a key or a value.</param>
/// <param name="NeverRan">True when the failure happened before the statement reached the server or the server refused it.</param>
public sealed record TransientError(string Cause, bool NeverRan)
{
    /// <summary>Classifies <paramref name="exception"/>; null when it is not transient (a bug, a constraint, bad data).</summary>
    public static TransientError? Of(Exception exception)
    {
        switch (exception)
        {
            // An error reply means the statement did not commit (each runs on its own), so any transient one is safe to run again.
            case PostgresException pg:
                return pg.IsTransient ? new TransientError($"{pg.SqlState} {pg.MessageText}", true) : null;
            case NpgsqlException { InnerException: SocketException socket }:
                return new TransientError($"{nameof(SocketException)} {socket.SocketErrorCode}", socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TimedOut);
            // Npgsql's pool gave up waiting for a free connection (its 'Timeout'): nothing was sent.
            case NpgsqlException { InnerException: TimeoutException } npgsql when npgsql.Message.Contains("pool", StringComparison.OrdinalIgnoreCase):
                return new TransientError("connection pool exhausted", true);
            case NpgsqlException { IsTransient: true } npgsql:
                return new TransientError($"{nameof(NpgsqlException)} ({npgsql.InnerException?.GetType().Name ?? "no inner exception"})", false);
            case TimeoutException:
                return new TransientError(nameof(TimeoutException), false);
            default:
                return null;
        }
    }
}
