using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Recordings;
using Orleans.LiveSim.Abstractions.Storage;

namespace Orleans.LiveSim.Store;

/// <summary>
/// Recordings in <c>livesim_recordings</c>: the description, the integrity counters (jsonb), the owner and the raw capture;
/// their entries are in the journal table, so the silo's memory holds none of it (nothing bounds them but the quotas).
/// Runs on the sessions pool; reads and deletes are retried after transient failures, the insert only when it surely never ran.
/// </summary>
public sealed class PostgresRecordingStore(LiveSimDatabase database) : IRecordingStore
{
    private const string Columns = "recording_id, created_at, name, octet_length(body), messages, ticks, rounds, counters, content, owner_account_id";

    private DatabaseGate Gate => database.Sessions;

    public ValueTask<bool> ReserveAsync(string recordingId, long bytes, CancellationToken cancellationToken = default) => ValueTask.FromResult(true);

    public Task SaveAsync(RecordingInfo info, ReadOnlyMemory<byte> capture, CancellationToken cancellationToken = default) =>
        Gate.RunAsync(ct => SaveOnceAsync(info, capture, ct), idempotent: false, cancellationToken);

    public Task<RecordingInfo?> GetAsync(string recordingId, CancellationToken cancellationToken = default) =>
        Gate.RunAsync(
            async ct =>
            {
                await using var command = Gate.DataSource.CreateCommand($"SELECT {Columns} FROM livesim_recordings WHERE recording_id = @id");
                command.Parameters.AddWithValue("id", recordingId);
                await using var reader = await command.ExecuteReaderAsync(ct);
                return await reader.ReadAsync(ct) ? Read(reader) : null;
            },
            idempotent: true,
            cancellationToken);

    public Task<IReadOnlyList<RecordingInfo>> ListAsync(OwnerFilter owners, CancellationToken cancellationToken = default) =>
        Gate.RunAsync<IReadOnlyList<RecordingInfo>>(
            async ct =>
            {
                var where = owners.Everyone ? "" : owners.AccountId is null ? "WHERE owner_account_id IS NULL" : "WHERE owner_account_id = @owner";
                await using var command = Gate.DataSource.CreateCommand($"SELECT {Columns} FROM livesim_recordings {where} ORDER BY created_at, recording_id");
                command.Parameters.AddWithValue("owner", (object?)owners.AccountId ?? DBNull.Value);
                await using var reader = await command.ExecuteReaderAsync(ct);
                var result = new List<RecordingInfo>();
                while (await reader.ReadAsync(ct))
                {
                    result.Add(Read(reader));
                }

                return result;
            },
            idempotent: true,
            cancellationToken);

    public Task<bool> DeleteAsync(string recordingId, CancellationToken cancellationToken = default) =>
        Gate.RunAsync(
            async ct =>
            {
                await using var command = Gate.DataSource.CreateCommand("DELETE FROM livesim_recordings WHERE recording_id = @id");
                command.Parameters.AddWithValue("id", recordingId);
                return await command.ExecuteNonQueryAsync(ct) > 0;
            },
            idempotent: true,
            cancellationToken);

    private async Task SaveOnceAsync(RecordingInfo info, ReadOnlyMemory<byte> capture, CancellationToken cancellationToken)
    {
        await using var command = Gate.DataSource.CreateCommand(
            "INSERT INTO livesim_recordings (recording_id, created_at, name, messages, ticks, rounds, counters, body, content, owner_account_id) " +
            "VALUES (@id, @created, @name, @messages, @ticks, @rounds, @counters, @body, @content, @owner)");
        command.Parameters.AddWithValue("id", info.RecordingId);
        command.Parameters.AddWithValue("created", info.CreatedAt.UtcDateTime);
        command.Parameters.AddWithValue("name", (object?)info.Name ?? DBNull.Value);
        command.Parameters.AddWithValue("messages", checked((int)info.Messages));
        command.Parameters.AddWithValue("ticks", checked((int)info.Ticks));
        command.Parameters.AddWithValue("rounds", checked((int)info.Rounds));
        command.Parameters.AddWithValue("counters", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(info.Counters, StoredStateSerializer.Options));
        command.Parameters.AddWithValue("body", capture.ToArray());
        command.Parameters.AddWithValue("content", info.Content);
        command.Parameters.AddWithValue("owner", (object?)info.OwnerAccountId ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static RecordingInfo Read(NpgsqlDataReader r) => new(
        r.GetString(0),
        r.IsDBNull(2) ? null : r.GetString(2),
        new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(1), DateTimeKind.Utc)),
        r.IsDBNull(3) ? 0 : r.GetInt32(3),
        r.GetInt32(4),
        r.GetInt32(5),
        r.GetInt32(6),
        r.IsDBNull(7) ? new FeedCounters() : JsonSerializer.Deserialize<FeedCounters>(r.GetString(7), StoredStateSerializer.Options)!,
        r.GetString(8),
        r.IsDBNull(9) ? null : r.GetString(9));
}
