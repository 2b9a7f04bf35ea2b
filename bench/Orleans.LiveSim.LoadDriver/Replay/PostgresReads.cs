using Npgsql;

namespace Orleans.LiveSim.LoadDriver.Replay;

/// <summary>
/// What PostgreSQL itself counted for the journal table (<c>pg_stat_user_tables</c>): index scans and rows fetched. A
/// server process publishes its counts when it has been idle a while (10 s in PostgreSQL 15), so a snapshot waits that long.
/// </summary>
public sealed class PostgresReads(string connectionString) : IAsyncDisposable
{
    private static readonly TimeSpan FlushWait = TimeSpan.FromSeconds(12);
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public async Task<Snapshot> SnapshotAsync()
    {
        await Task.Delay(FlushWait);
        await using var command = _source.CreateCommand(
            "SELECT coalesce(idx_scan, 0), coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables WHERE relname = 'livesim_feed_journal'");
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new Snapshot(reader.GetInt64(0), reader.GetInt64(1)) : new Snapshot(0, 0);
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    public sealed record Snapshot(long IndexScans, long RowsFetched);
}
