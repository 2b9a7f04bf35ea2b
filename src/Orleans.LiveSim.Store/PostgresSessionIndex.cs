using Npgsql;
using Orleans.LiveSim.Abstractions.Ports;

namespace Orleans.LiveSim.Store;

/// <summary>
/// The session index in PostgreSQL (table <c>livesim_session_index</c>): shared by every silo and kept across a
/// full cluster restart, so fan-out shards and the start-up resumer find every running session again. Runs on the
/// sessions pool; every statement is idempotent, so transient failures are retried.
/// </summary>
public sealed class PostgresSessionIndex(LiveSimDatabase database) : ISessionIndex
{
    private DatabaseGate Gate => database.Sessions;

    public Task AddAsync(string sessionId, string feedId, int shard) =>
        Gate.RunAsync(
            async ct =>
            {
                await using var command = Gate.DataSource.CreateCommand("""
                    INSERT INTO livesim_session_index (session_id, feed_id, shard) VALUES (@session_id, @feed_id, @shard)
                    ON CONFLICT (session_id) DO UPDATE SET feed_id = excluded.feed_id, shard = excluded.shard
                    """);
                command.Parameters.AddWithValue("session_id", sessionId);
                command.Parameters.AddWithValue("feed_id", feedId);
                command.Parameters.AddWithValue("shard", shard);
                await command.ExecuteNonQueryAsync(ct);
            },
            idempotent: true);

    public Task RemoveAsync(string sessionId) =>
        Gate.RunAsync(
            async ct =>
            {
                await using var command = Gate.DataSource.CreateCommand("DELETE FROM livesim_session_index WHERE session_id = @session_id");
                command.Parameters.AddWithValue("session_id", sessionId);
                await command.ExecuteNonQueryAsync(ct);
            },
            idempotent: true);

    public Task<IReadOnlyList<string>> ListAsync(string feedId, int shard) =>
        Gate.RunAsync(
            async ct =>
            {
                await using var command = Gate.DataSource.CreateCommand(
                    "SELECT session_id FROM livesim_session_index WHERE feed_id = @feed_id AND shard = @shard ORDER BY session_id");
                command.Parameters.AddWithValue("feed_id", feedId);
                command.Parameters.AddWithValue("shard", shard);
                return await ReadIdsAsync(command, ct);
            },
            idempotent: true);

    public Task<IReadOnlyList<string>> ListShardAsync(int shard) =>
        Gate.RunAsync(
            async ct =>
            {
                await using var command = Gate.DataSource.CreateCommand("SELECT session_id FROM livesim_session_index WHERE shard = @shard ORDER BY session_id");
                command.Parameters.AddWithValue("shard", shard);
                return await ReadIdsAsync(command, ct);
            },
            idempotent: true);

    private static async Task<IReadOnlyList<string>> ReadIdsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
