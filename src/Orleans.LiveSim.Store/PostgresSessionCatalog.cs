using System.Text;
using Npgsql;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Store;

/// <summary>
/// The session catalog in PostgreSQL (table <c>livesim_session_catalog</c>), shared by every silo: the listings and the
/// quotas see every session wherever it runs. Runs on the sessions pool; every statement is idempotent and retried.
/// Mode and status are stored as the API's names (<c>live</c>, <c>running</c>), so the table reads like the API.
/// </summary>
public sealed class PostgresSessionCatalog(LiveSimDatabase database) : ISessionCatalog
{
    private const string Columns = "session_id, owner_account_id, feed_id, mode, status, recording_id, created_at, updated_at";

    private DatabaseGate Gate => database.Sessions;

    public Task UpsertAsync(SessionCatalogEntry entry, CancellationToken cancellationToken = default) =>
        Gate.RunAsync(
            async ct =>
            {
                await using var command = Gate.DataSource.CreateCommand($"""
                    INSERT INTO livesim_session_catalog ({Columns})
                    VALUES (@id, @owner, @feed, @mode, @status, @recording, @created, @updated)
                    ON CONFLICT (session_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at
                    """);
                var p = command.Parameters;
                p.AddWithValue("id", entry.SessionId);
                p.AddWithValue("owner", (object?)entry.OwnerAccountId ?? DBNull.Value);
                p.AddWithValue("feed", entry.FeedId);
                p.AddWithValue("mode", Name(entry.Mode));
                p.AddWithValue("status", Name(entry.Status));
                p.AddWithValue("recording", (object?)entry.RecordingId ?? DBNull.Value);
                p.AddWithValue("created", entry.CreatedAt.UtcDateTime);
                p.AddWithValue("updated", entry.UpdatedAt.UtcDateTime);
                return await command.ExecuteNonQueryAsync(ct);
            },
            idempotent: true,
            cancellationToken);

    public Task<SessionCatalogEntry?> GetAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Gate.RunAsync(
            async ct =>
            {
                await using var command = Gate.DataSource.CreateCommand($"SELECT {Columns} FROM livesim_session_catalog WHERE session_id = @id");
                command.Parameters.AddWithValue("id", sessionId);
                return (await ReadAsync(command, ct)).FirstOrDefault();
            },
            idempotent: true,
            cancellationToken);

    public Task<IReadOnlyList<SessionCatalogEntry>> ListAsync(SessionCatalogQuery query, CancellationToken cancellationToken = default) =>
        Gate.RunAsync(
            async ct =>
            {
                await using var command = Gate.DataSource.CreateCommand();
                var where = new StringBuilder("TRUE");
                var p = command.Parameters;
                if (!query.Owners.Everyone)
                {
                    where.Append(query.Owners.AccountId is null ? " AND c.owner_account_id IS NULL" : " AND c.owner_account_id = @owner");
                    p.AddWithValue("owner", (object?)query.Owners.AccountId ?? DBNull.Value);
                }

                Filter(where, p, "c.status", "status", query.Status is { } status ? Name(status) : null);
                Filter(where, p, "c.feed_id", "feed", query.FeedId);
                Filter(where, p, "c.mode", "mode", query.Mode is { } mode ? Name(mode) : null);
                Filter(where, p, "c.recording_id", "recording", query.RecordingId);
                if (query.Ended is { } ended)
                {
                    where.Append(ended ? " AND c.status IN ('stopped', 'completed', 'failed')" : " AND c.status NOT IN ('stopped', 'completed', 'failed')");
                }

                // Keyset paging on (created_at, session_id), newest first; an 'after' the query does not select gives nothing.
                var from = "livesim_session_catalog c";
                if (query.After is not null)
                {
                    from += $", (SELECT created_at, session_id FROM livesim_session_catalog c WHERE c.session_id = @after AND {where}) a";
                    where.Append(" AND (c.created_at, c.session_id) < (a.created_at, a.session_id)");
                    p.AddWithValue("after", query.After);
                }

                command.CommandText = $"SELECT {Prefixed("c.")} FROM {from} WHERE {where} ORDER BY c.created_at DESC, c.session_id DESC LIMIT @limit";
                p.AddWithValue("limit", query.Limit);
                return await ReadAsync(command, ct);
            },
            idempotent: true,
            cancellationToken);

    private static void Filter(StringBuilder where, NpgsqlParameterCollection parameters, string column, string name, string? value)
    {
        if (value is not null)
        {
            where.Append($" AND {column} = @{name}");
            parameters.AddWithValue(name, value);
        }
    }

    private static string Prefixed(string alias) => string.Join(", ", Columns.Split(", ").Select(c => alias + c));

    private static string Name<T>(T value)
        where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static async Task<IReadOnlyList<SessionCatalogEntry>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<SessionCatalogEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new SessionCatalogEntry(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                Enum.Parse<SessionMode>(reader.GetString(3), ignoreCase: true),
                Enum.Parse<SessionStatus>(reader.GetString(4), ignoreCase: true),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                Utc(reader.GetDateTime(6)),
                Utc(reader.GetDateTime(7))));
        }

        return entries;
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
