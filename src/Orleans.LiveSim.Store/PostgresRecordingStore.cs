using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Orleans.LiveSim.Feeds.Sources;
using Orleans.LiveSim.Grains.Recordings;
using Orleans.LiveSim.Grains.Storage;

namespace Orleans.LiveSim.Store;

/// <summary>Recordings in <c>livesim_recordings</c>: the description, the integrity counters (jsonb) and the raw capture.</summary>
public sealed class PostgresRecordingStore(NpgsqlDataSource dataSource) : IRecordingStore
{
    private const string Columns = "recording_id, created_at, name, octet_length(body), messages, ticks, rounds, counters, content";

    public async Task SaveAsync(RecordingInfo info, ReadOnlyMemory<byte> capture, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO livesim_recordings (recording_id, created_at, name, messages, ticks, rounds, counters, body, content) " +
            "VALUES (@id, @created, @name, @messages, @ticks, @rounds, @counters, @body, @content)");
        command.Parameters.AddWithValue("id", info.RecordingId);
        command.Parameters.AddWithValue("created", info.CreatedAt.UtcDateTime);
        command.Parameters.AddWithValue("name", (object?)info.Name ?? DBNull.Value);
        command.Parameters.AddWithValue("messages", checked((int)info.Messages));
        command.Parameters.AddWithValue("ticks", checked((int)info.Ticks));
        command.Parameters.AddWithValue("rounds", checked((int)info.Rounds));
        command.Parameters.AddWithValue("counters", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(info.Counters, JsonGrainStorageSerializer.Options));
        command.Parameters.AddWithValue("body", capture.ToArray());
        command.Parameters.AddWithValue("content", info.Content);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<RecordingInfo?> GetAsync(string recordingId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM livesim_recordings WHERE recording_id = @id");
        command.Parameters.AddWithValue("id", recordingId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<RecordingInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM livesim_recordings ORDER BY created_at, recording_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<RecordingInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(Read(reader));
        }

        return result;
    }

    private static RecordingInfo Read(NpgsqlDataReader r) => new(
        r.GetString(0),
        r.IsDBNull(2) ? null : r.GetString(2),
        new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(1), DateTimeKind.Utc)),
        r.IsDBNull(3) ? 0 : r.GetInt32(3),
        r.GetInt32(4),
        r.GetInt32(5),
        r.GetInt32(6),
        r.IsDBNull(7) ? new FeedCounters() : JsonSerializer.Deserialize<FeedCounters>(r.GetString(7), JsonGrainStorageSerializer.Options)!,
        r.GetString(8));
}
