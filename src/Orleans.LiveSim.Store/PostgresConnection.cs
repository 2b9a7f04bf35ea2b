using System.Net.Sockets;
using Npgsql;

namespace Orleans.LiveSim.Store;

/// <summary>
/// Start-up checks for a PostgreSQL connection string, so a missing, malformed or unreachable database fails
/// fast with a message that names the configuration key to fix.
/// </summary>
public static class PostgresConnection
{
    /// <summary>The default timeout of <see cref="CheckReachableAsync"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultReachTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Checks that <paramref name="connectionString"/> is set and parses as an Npgsql connection string with a host.
    /// </summary>
    /// <param name="connectionString">The configured value, possibly null.</param>
    /// <param name="keyName">The configuration key it came from, for the message (e.g. <c>ConnectionStrings:LiveSim</c>).</param>
    /// <returns>The parsed connection string.</returns>
    /// <exception cref="InvalidOperationException">The value is missing or not a valid PostgreSQL connection string.</exception>
    public static NpgsqlConnectionStringBuilder Validate(string? connectionString, string keyName)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"{keyName} is not set. Set it to a PostgreSQL connection string, e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=livesim.");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            // The exception message names the offending keyword, never the password value.
            throw new InvalidOperationException($"{keyName} is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new InvalidOperationException($"{keyName} is not a valid PostgreSQL connection string: it has no Host.");
        }

        return builder;
    }

    /// <summary>
    /// Validates the connection string and opens (then closes) one connection with a short timeout.
    /// </summary>
    /// <param name="connectionString">The configured value, possibly null.</param>
    /// <param name="keyName">The configuration key it came from, for the message.</param>
    /// <param name="timeout">How long to try; default <see cref="DefaultReachTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <exception cref="InvalidOperationException">
    /// The value is invalid, or the server at its host and port cannot be reached or refuses the login.
    /// </exception>
    public static async Task CheckReachableAsync(
        string? connectionString,
        string keyName,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var builder = Validate(connectionString, keyName);
        builder.Timeout = Math.Max(1, (int)Math.Ceiling((timeout ?? DefaultReachTimeout).TotalSeconds));
        builder.Pooling = false;

        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            var reason = ex.InnerException is { } inner && ex is not PostgresException ? inner.Message : ex.Message;
            throw new InvalidOperationException(
                $"Cannot reach PostgreSQL at {builder.Host}:{builder.Port} (database '{builder.Database}', from {keyName}): {reason}",
                ex);
        }
    }
}
