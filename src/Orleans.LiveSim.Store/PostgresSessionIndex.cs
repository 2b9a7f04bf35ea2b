using Npgsql;
using Orleans.LiveSim.Grains.Storage;

namespace Orleans.LiveSim.Store;

/// <summary>
/// The session index in PostgreSQL (table <c>livesim_session_index</c>): shared by every silo and kept across a
/// full cluster restart, so fan-out shards and the start-up resumer find every running session again.
/// </summary>
public sealed class PostgresSessionIndex(NpgsqlDataSource dataSource) : ISessionIndex
{
    public async Task AddAsync(string sessionId, string feedId, int shard)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO livesim_session_index (session_id, feed_id, shard) VALUES (@session_id, @feed_id, @shard)
            ON CONFLICT (session_id) DO UPDATE SET feed_id = excluded.feed_id, shard = excluded.shard
            """);
        command.Parameters.AddWithValue("session_id", sessionId);
        command.Parameters.AddWithValue("feed_id", feedId);
        command.Parameters.AddWithValue("shard", shard);
        await command.ExecuteNonQueryAsync();
    }

    public async Task RemoveAsync(string sessionId)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM livesim_session_index WHERE session_id = @session_id");
        command.Parameters.AddWithValue("session_id", sessionId);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<string>> ListAsync(string feedId, int shard)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT session_id FROM livesim_session_index WHERE feed_id = @feed_id AND shard = @shard ORDER BY session_id");
        command.Parameters.AddWithValue("feed_id", feedId);
        command.Parameters.AddWithValue("shard", shard);
        return await ReadIdsAsync(command);
    }

    public async Task<IReadOnlyList<string>> ListShardAsync(int shard)
    {
        await using var command = dataSource.CreateCommand("SELECT session_id FROM livesim_session_index WHERE shard = @shard ORDER BY session_id");
        command.Parameters.AddWithValue("shard", shard);
        return await ReadIdsAsync(command);
    }

    public async Task<IReadOnlyList<IndexedSession>> ListRunningAsync(string? afterSessionId, int limit)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT session_id, feed_id, shard FROM livesim_session_index WHERE session_id > @after ORDER BY session_id LIMIT @limit");
        command.Parameters.AddWithValue("after", afterSessionId ?? "");
        command.Parameters.AddWithValue("limit", limit);
        var sessions = new List<IndexedSession>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            sessions.Add(new IndexedSession(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        }

        return sessions;
    }

    private static async Task<IReadOnlyList<string>> ReadIdsAsync(NpgsqlCommand command)
    {
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
