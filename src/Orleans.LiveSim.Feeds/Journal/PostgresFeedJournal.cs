using Npgsql;
using NpgsqlTypes;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Feeds.Journal;

/// <summary>
/// The feed journal in PostgreSQL, table <c>livesim_feed_journal</c> (created by the project's migration).
/// Appends are one multi-row insert per batch and idempotent (<c>on conflict do nothing</c>), so retrying an
/// append after a lost acknowledgement never duplicates or fails.
/// </summary>
/// <param name="dataSource">Connection pool of the journal database.</param>
public sealed class PostgresFeedJournal(NpgsqlDataSource dataSource) : IFeedJournal
{
    private const string InsertSql = """
        insert into livesim_feed_journal
            (feed_id, seq, game_id, tick, price, phase, active, rugged, received_at, kind, gap_ticks)
        select @feed_id, s.seq, s.game_id, s.tick, s.price, s.phase, s.active, s.rugged, s.received_at, s.kind, s.gap_ticks
        from unnest(@seq, @game_id, @tick, @price, @phase, @active, @rugged, @received_at, @kind, @gap_ticks)
            as s(seq, game_id, tick, price, phase, active, rugged, received_at, kind, gap_ticks)
        on conflict (feed_id, seq) do nothing
        """;

    private const string ReadSql = """
        select seq, game_id, tick, price, phase, active, rugged, received_at, kind, gap_ticks
        from livesim_feed_journal
        where feed_id = @feed_id and seq >= @from and seq <= @to
        order by seq
        limit @max
        """;

    private const string LastSeqSql = "select coalesce(max(seq), 0) from livesim_feed_journal where feed_id = @feed_id";

    public async ValueTask AppendAsync(string feedId, IReadOnlyList<FeedTick> ticks, CancellationToken cancellationToken = default)
    {
        if (ticks.Count == 0)
        {
            return;
        }

        var n = ticks.Count;
        var seq = new long[n];
        var gameId = new string[n];
        var tick = new int[n];
        var price = new decimal[n];
        var phase = new short[n];
        var active = new bool[n];
        var rugged = new bool[n];
        var receivedAt = new DateTime[n];
        var kind = new short[n];
        var gapTicks = new int[n];
        for (var i = 0; i < n; i++)
        {
            var t = ticks[i];
            seq[i] = t.Seq;
            gameId[i] = t.GameId;
            tick[i] = t.Tick;
            price[i] = t.Price;
            phase[i] = (short)t.Phase;
            active[i] = t.Active;
            rugged[i] = t.Rugged;
            receivedAt[i] = t.ReceivedAt.UtcDateTime;
            kind[i] = (short)t.Kind;
            gapTicks[i] = t.GapTicks;
        }

        await using var command = dataSource.CreateCommand(InsertSql);
        command.Parameters.AddWithValue("feed_id", NpgsqlDbType.Text, feedId);
        command.Parameters.AddWithValue("seq", NpgsqlDbType.Array | NpgsqlDbType.Bigint, seq);
        command.Parameters.AddWithValue("game_id", NpgsqlDbType.Array | NpgsqlDbType.Text, gameId);
        command.Parameters.AddWithValue("tick", NpgsqlDbType.Array | NpgsqlDbType.Integer, tick);
        command.Parameters.AddWithValue("price", NpgsqlDbType.Array | NpgsqlDbType.Numeric, price);
        command.Parameters.AddWithValue("phase", NpgsqlDbType.Array | NpgsqlDbType.Smallint, phase);
        command.Parameters.AddWithValue("active", NpgsqlDbType.Array | NpgsqlDbType.Boolean, active);
        command.Parameters.AddWithValue("rugged", NpgsqlDbType.Array | NpgsqlDbType.Boolean, rugged);
        command.Parameters.AddWithValue("received_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, receivedAt);
        command.Parameters.AddWithValue("kind", NpgsqlDbType.Array | NpgsqlDbType.Smallint, kind);
        command.Parameters.AddWithValue("gap_ticks", NpgsqlDbType.Array | NpgsqlDbType.Integer, gapTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<FeedTick>> ReadAsync(string feedId, long fromSeq, long toSeq, int max, CancellationToken cancellationToken = default)
    {
        var result = new List<FeedTick>();
        if (max <= 0 || toSeq < fromSeq)
        {
            return result;
        }

        await using var command = dataSource.CreateCommand(ReadSql);
        command.Parameters.AddWithValue("feed_id", NpgsqlDbType.Text, feedId);
        command.Parameters.AddWithValue("from", NpgsqlDbType.Bigint, fromSeq);
        command.Parameters.AddWithValue("to", NpgsqlDbType.Bigint, toSeq);
        command.Parameters.AddWithValue("max", NpgsqlDbType.Integer, max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new FeedTick(
                feedId,
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetInt32(2),
                reader.GetDecimal(3),
                (GamePhase)reader.GetInt16(4),
                reader.GetBoolean(5),
                reader.GetBoolean(6),
                new DateTimeOffset(reader.GetFieldValue<DateTime>(7), TimeSpan.Zero),
                (FeedTickKind)reader.GetInt16(8),
                reader.GetInt32(9)));
        }

        return result;
    }

    public async ValueTask<long> GetLastSeqAsync(string feedId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(LastSeqSql);
        command.Parameters.AddWithValue("feed_id", NpgsqlDbType.Text, feedId);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
