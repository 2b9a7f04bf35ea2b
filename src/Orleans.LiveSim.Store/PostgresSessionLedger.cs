using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Orleans.LiveSim.Abstractions.Ledger;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Engine.Wallet;

namespace Orleans.LiveSim.Store;

/// <summary>
/// The bet ledgers in PostgreSQL (<c>livesim_ledger</c>, silo-config/sql/011-livesim-ledger.sql): every entry of every
/// session, kept. Appends are one statement per batch (arrays unnested) with <c>ON CONFLICT DO NOTHING</c>, so they are
/// idempotent and retried after transient failures; everything runs on the sessions pool's gate.
/// </summary>
public sealed class PostgresSessionLedger(LiveSimDatabase database) : ISessionLedger
{
    private const string Columns =
        "event_seq, kind, feed_seq, at, game_id, bet_id, schedule_index, start_tick, end_tick, target_tick, stake, entry_price, " +
        "outcome, returned, rug_tick, balance_after, equity_after, reason, sizing, decided_at_seq, decision_tick";

    private const int ColumnCount = 21;

    private DatabaseGate Gate => database.Sessions;

    public Task AppendAsync(string sessionId, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default) =>
        entries.Count == 0
            ? Task.CompletedTask
            : Gate.RunAsync(ct => InsertAsync(sessionId, entries, ct), idempotent: true, cancellationToken);

    public Task<IReadOnlyList<LedgerRow>> ReadRowsAsync(string sessionId, LedgerFilter filter, long after, int limit, CancellationToken cancellationToken = default) =>
        Gate.RunAsync<IReadOnlyList<LedgerRow>>(
            async ct =>
            {
                var sql = new StringBuilder($"""
                    SELECT {Prefixed("p")}, {Prefixed("s")}
                    FROM livesim_ledger p
                    LEFT JOIN livesim_ledger s ON s.session_id = p.session_id AND s.bet_id = p.bet_id AND s.kind = 1
                    WHERE p.session_id = @session_id AND p.kind <> 1 AND p.event_seq > @after
                    """);
                await using var command = Gate.DataSource.CreateCommand();
                if (filter.GameId is not null)
                {
                    sql.Append(" AND p.game_id = @game_id");
                    command.Parameters.AddWithValue("game_id", filter.GameId);
                }

                sql.Append(filter.Outcome switch
                {
                    null => "",
                    LedgerOutcome.Open => " AND p.kind = 0 AND s.event_seq IS NULL",
                    LedgerOutcome.Skipped => " AND p.kind = 2",
                    var outcome => $" AND s.outcome = {(int)ToBetOutcome(outcome.Value)}",
                });
                sql.Append(" ORDER BY p.event_seq LIMIT @limit");
                command.CommandText = sql.ToString();
                command.Parameters.AddWithValue("session_id", sessionId);
                command.Parameters.AddWithValue("after", after);
                command.Parameters.AddWithValue("limit", limit);
                var rows = new List<LedgerRow>();
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    rows.Add(LedgerRow.Of(Read(reader, 0), reader.IsDBNull(ColumnCount) ? null : Read(reader, ColumnCount)));
                }

                return rows;
            },
            idempotent: true,
            cancellationToken);

    public Task<IReadOnlyList<LedgerEntry>> ReadEntriesAsync(string sessionId, LedgerEntryKind? kind, long after, int limit, CancellationToken cancellationToken = default) =>
        Gate.RunAsync<IReadOnlyList<LedgerEntry>>(
            async ct =>
            {
                await using var command = Gate.DataSource.CreateCommand(
                    $"SELECT {Columns} FROM livesim_ledger WHERE session_id = @session_id AND event_seq > @after " +
                    (kind is null ? "" : "AND kind = @kind ") + "ORDER BY event_seq LIMIT @limit");
                command.Parameters.AddWithValue("session_id", sessionId);
                command.Parameters.AddWithValue("after", after);
                command.Parameters.AddWithValue("limit", limit);
                if (kind is { } k)
                {
                    command.Parameters.AddWithValue("kind", (short)k);
                }

                var entries = new List<LedgerEntry>();
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    entries.Add(Read(reader, 0));
                }

                return entries;
            },
            idempotent: true,
            cancellationToken);

    /// <summary>PostgreSQL keeps every entry.</summary>
    public Task<long> DroppedThroughAsync(string sessionId, CancellationToken cancellationToken = default) => Task.FromResult(0L);

    private static async Task InsertAsync(string sessionId, IReadOnlyList<LedgerEntry> entries, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO livesim_ledger (session_id, {Columns})
            SELECT @session_id, e.* FROM unnest(
              @event_seq, @kind, @feed_seq, @at, @game_id, @bet_id, @schedule_index, @start_tick, @end_tick, @target_tick, @stake, @entry_price,
              @outcome, @returned, @rug_tick, @balance_after, @equity_after, @reason, @sizing, @decided_at_seq, @decision_tick) AS e
            ON CONFLICT DO NOTHING
            """);
        var p = command.Parameters;
        p.AddWithValue("session_id", sessionId);
        p.AddWithValue("event_seq", entries.Select(e => e.EventSeq).ToArray());
        p.AddWithValue("kind", entries.Select(e => (short)e.Kind).ToArray());
        p.AddWithValue("feed_seq", entries.Select(e => e.FeedSeq).ToArray());
        p.AddWithValue("at", entries.Select(e => e.At.UtcDateTime).ToArray());
        p.AddWithValue("game_id", entries.Select(e => e.GameId).ToArray());
        p.AddWithValue("bet_id", entries.Select(e => e.BetId).ToArray());
        p.AddWithValue("schedule_index", entries.Select(e => e.ScheduleIndex).ToArray());
        p.AddWithValue("start_tick", entries.Select(e => e.StartTick).ToArray());
        p.AddWithValue("end_tick", entries.Select(e => e.EndTick).ToArray());
        p.AddWithValue("target_tick", entries.Select(e => e.TargetTick).ToArray());
        p.AddWithValue("stake", entries.Select(e => e.Stake).ToArray());
        p.AddWithValue("entry_price", entries.Select(e => e.EntryPrice).ToArray());
        p.AddWithValue("outcome", entries.Select(e => e.Outcome is { } o ? (short?)o : null).ToArray());
        p.AddWithValue("returned", entries.Select(e => e.Returned).ToArray());
        p.AddWithValue("rug_tick", entries.Select(e => e.RugTick).ToArray());
        p.AddWithValue("balance_after", entries.Select(e => e.BalanceAfter).ToArray());
        p.AddWithValue("equity_after", entries.Select(e => e.EquityAfter).ToArray());
        p.Add(new NpgsqlParameter("reason", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = entries.Select(e => e.Reason).ToArray() });
        p.Add(new NpgsqlParameter("sizing", NpgsqlDbType.Array | NpgsqlDbType.Jsonb)
        {
            Value = entries.Select(e => e.Sizing is null ? null : JsonSerializer.Serialize(e.Sizing, StoredStateSerializer.Options)).ToArray(),
        });
        p.AddWithValue("decided_at_seq", entries.Select(e => e.DecidedAtSeq).ToArray());
        p.AddWithValue("decision_tick", entries.Select(e => e.DecisionTick).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private Task InsertAsync(string sessionId, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken) =>
        InsertAsync(sessionId, entries, Gate.DataSource, cancellationToken);

    private static string Prefixed(string alias) => string.Join(", ", Columns.Split(", ").Select(c => $"{alias}.{c}"));

    private static LedgerEntry Read(NpgsqlDataReader r, int o) => new(
        r.GetInt64(o),
        (LedgerEntryKind)r.GetInt16(o + 1),
        r.GetInt64(o + 2),
        new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(o + 3), DateTimeKind.Utc)),
        r.GetString(o + 4),
        Nullable<long>(r, o + 5),
        Nullable<int>(r, o + 6),
        Nullable<int>(r, o + 7),
        Nullable<int>(r, o + 8),
        Nullable<int>(r, o + 9),
        Nullable<decimal>(r, o + 10),
        Nullable<decimal>(r, o + 11),
        r.IsDBNull(o + 12) ? null : (BetOutcome)r.GetInt16(o + 12),
        Nullable<decimal>(r, o + 13),
        Nullable<int>(r, o + 14),
        Nullable<decimal>(r, o + 15),
        Nullable<decimal>(r, o + 16),
        r.IsDBNull(o + 17) ? null : r.GetString(o + 17),
        r.IsDBNull(o + 18) ? null : JsonSerializer.Deserialize<SizingView>(r.GetString(o + 18), StoredStateSerializer.Options),
        Nullable<long>(r, o + 19),
        Nullable<int>(r, o + 20));

    private static T? Nullable<T>(NpgsqlDataReader r, int ordinal)
        where T : struct => r.IsDBNull(ordinal) ? null : r.GetFieldValue<T>(ordinal);

    private static BetOutcome ToBetOutcome(LedgerOutcome outcome) => outcome switch
    {
        LedgerOutcome.Won => BetOutcome.Won,
        LedgerOutcome.Lost => BetOutcome.Lost,
        _ => BetOutcome.Voided,
    };
}
