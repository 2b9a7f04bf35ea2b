using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;
using Orleans.LiveSim.Abstractions.Recordings;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Journal;

namespace Orleans.LiveSim.Store;

/// <summary>
/// The feed journal in PostgreSQL (table <c>livesim_feed_journal</c>, key <c>(feed_id, seq)</c>), shared by every
/// silo of a cluster so a session backfills the same entries wherever it runs.
/// </summary>
/// <remarks>
/// A batch is written by one statement (in a transaction with the conflict check). Re-appending an identical entry is ignored (a retried append); an entry
/// whose <c>(feed_id, seq)</c> is already taken by different content throws, because two writers disagree about
/// the feed (for example two activations of one feed adapter) and silently keeping either would corrupt replay.
/// <c>received_at</c> is <c>timestamptz</c>, so times read back are rounded to whole microseconds.
/// Appends run on the feed's own pool, so intake never waits behind session activations; reads run on the
/// sessions pool. Both retry transient failures (an append is idempotent: an identical re-append is ignored).
/// Reads of whole chunks below a feed's last seq are served from a <see cref="JournalChunkCache"/> (when one is given):
/// replays of the same range (a sweep's variants) read each chunk once per silo. The rest, near each feed's end, is served
/// from a <see cref="JournalWindow"/>: after a restart, thousands of sessions backfill the same few hundred entries.
/// A recording's entries outside whole cached chunks are read from the database only: they are no live feed's end, and a
/// window per recording would keep them in silo memory for as long as the silo runs.
/// </remarks>
/// <param name="database">The gated pools.</param>
/// <param name="chunks">The silo's cache of whole journal chunks; null to read every chunk from the database.</param>
/// <param name="metrics">Where reads from the database are counted; null for nowhere.</param>
public sealed class PostgresFeedJournal(LiveSimDatabase database, JournalChunkCache? chunks = null, DatabaseMetrics? metrics = null) : IFeedJournal
{
    /// <summary>Entries kept in memory per feed: about 34 minutes at 4 Hz, some 2 MB.</summary>
    public const int WindowCapacity = 8192;

    private readonly ConcurrentDictionary<string, JournalWindow> _windows = new(StringComparer.Ordinal);

    // The highest seq each feed is known to hold (every seq up to it exists and never changes).
    private readonly ConcurrentDictionary<string, long> _lastSeq = new(StringComparer.Ordinal);

    // A feed's last seq being looked up: thousands of sessions backfilling at once after a restart share one query.
    private readonly ConcurrentDictionary<string, Task<long>> _lastSeqLookups = new(StringComparer.Ordinal);

    private const string Columns = "seq, game_id, tick, price, phase, active, rugged, received_at, kind, gap_ticks";

    // The contiguity guard and the insert are one statement: a batch that would leave a hole inserts nothing.
    private const string AppendSql = $"""
        WITH prev AS (SELECT coalesce(max(seq), 0) AS last FROM livesim_feed_journal WHERE feed_id = @feed_id),
        ins AS (
          INSERT INTO livesim_feed_journal (feed_id, {Columns})
          SELECT @feed_id, t.seq, t.game_id, t.tick, t.price, t.phase, t.active, t.rugged, t.received_at, t.kind, t.gap_ticks
          FROM unnest(@seq, @game_id, @tick, @price, @phase, @active, @rugged, @received_at, @kind, @gap_ticks)
               AS t(seq, game_id, tick, price, phase, active, rugged, received_at, kind, gap_ticks), prev
          WHERE prev.last >= @first_seq - 1
          ON CONFLICT (feed_id, seq) DO NOTHING
          RETURNING 1)
        SELECT (SELECT last FROM prev), (SELECT count(*) FROM ins)
        """;

    private const string ReadSql =
        $"SELECT {Columns} FROM livesim_feed_journal WHERE feed_id = @feed_id AND seq BETWEEN @from AND @to ORDER BY seq LIMIT @max";

    public async ValueTask AppendAsync(string feedId, IReadOnlyList<FeedTick> ticks, CancellationToken cancellationToken = default)
    {
        if (ticks.Count == 0)
        {
            return;
        }

        for (var i = 1; i < ticks.Count; i++)
        {
            if (ticks[i].Seq != ticks[i - 1].Seq + 1)
            {
                throw new ArgumentException($"Feed '{feedId}': seq {ticks[i].Seq} does not follow {ticks[i - 1].Seq} in the batch.", nameof(ticks));
            }
        }

        await database.Feed.RunAsync(ct => AppendOnceAsync(feedId, ticks, ct), idempotent: true, cancellationToken);
        Seen(feedId, ticks[^1].Seq);
        if (_windows.TryGetValue(feedId, out var window))
        {
            // As a read would return them: timestamptz keeps whole microseconds.
            window.Appended(ticks.Select(t => t with { FeedId = feedId, ReceivedAt = ToMicroseconds(t.ReceivedAt) }).ToArray());
        }
    }

    public async ValueTask<IReadOnlyList<FeedTick>> ReadAsync(string feedId, long fromSeq, long toSeq, int max, CancellationToken cancellationToken = default)
    {
        if (max <= 0 || toSeq < fromSeq)
        {
            return [];
        }

        var (head, next) = chunks is null
            ? (new List<FeedTick>(), fromSeq)
            : await ReadChunksAsync(chunks, feedId, fromSeq, Math.Min(toSeq, fromSeq + max - 1), cancellationToken);
        if (next > toSeq || head.Count == max)
        {
            return head;
        }

        // A recording's entries are no live feed's end: the rest comes from the database, never a window kept for the silo's life.
        var tail = RecordingInfo.IsRecordingFeed(feedId)
            ? await ReadFromDatabaseAsync(feedId, next, toSeq, max - head.Count, cancellationToken)
            : await _windows.GetOrAdd(feedId, _ => new JournalWindow(WindowCapacity))
                .ReadAsync(next, toSeq, max - head.Count, (from, to, n) => ReadFromDatabaseAsync(feedId, from, to, n, cancellationToken));
        if (head.Count == 0)
        {
            return tail;
        }

        head.AddRange(tail);
        return head;
    }

    public async ValueTask<long> GetLastSeqAsync(string feedId, CancellationToken cancellationToken = default)
    {
        var last = await SeqAsync("max", feedId, cancellationToken);
        Seen(feedId, last);
        return last;
    }

    public async ValueTask<long> GetFirstSeqAsync(string feedId, CancellationToken cancellationToken = default) =>
        await SeqAsync("min", feedId, cancellationToken);

    public async ValueTask DeleteFeedAsync(string feedId, CancellationToken cancellationToken = default)
    {
        await database.Sessions.RunAsync(
            async ct =>
            {
                await using var command = database.Sessions.DataSource.CreateCommand("DELETE FROM livesim_feed_journal WHERE feed_id = @feed_id");
                command.Parameters.AddWithValue("feed_id", feedId);
                return await command.ExecuteNonQueryAsync(ct);
            },
            idempotent: true,
            cancellationToken);
        _windows.TryRemove(feedId, out _);
    }

    private Task<long> SeqAsync(string aggregate, string feedId, CancellationToken cancellationToken) =>
        database.Sessions.RunAsync(
            async ct =>
            {
                await using var command = database.Sessions.DataSource.CreateCommand($"SELECT coalesce({aggregate}(seq), 0) FROM livesim_feed_journal WHERE feed_id = @feed_id");
                command.Parameters.AddWithValue("feed_id", feedId);
                return (long)(await command.ExecuteScalarAsync(ct))!;
            },
            idempotent: true,
            cancellationToken);

    /// <summary>
    /// The entries of <paramref name="fromSeq"/>..<paramref name="toSeq"/> that whole chunks below the feed's last seq hold,
    /// from the chunk cache; <c>Next</c> is the first seq left for the caller to read otherwise.
    /// </summary>
    private async Task<(List<FeedTick> Ticks, long Next)> ReadChunksAsync(JournalChunkCache cache, string feedId, long fromSeq, long toSeq, CancellationToken cancellationToken)
    {
        if (!_lastSeq.TryGetValue(feedId, out var last))
        {
            var lookup = _lastSeqLookups.GetOrAdd(feedId, id => GetLastSeqAsync(id, CancellationToken.None).AsTask());
            try
            {
                last = await lookup.WaitAsync(cancellationToken);
            }
            finally
            {
                // Done (or failed: the next reader asks again); from now on the feed's last seq is known here.
                if (lookup.IsCompleted)
                {
                    _lastSeqLookups.TryRemove(new KeyValuePair<string, Task<long>>(feedId, lookup));
                }
            }
        }

        // Every whole chunk of the range is asked for at once: the missing ones load side by side.
        var parts = new List<(long First, long From, long To, Task<FeedTick[]> Entries)>();
        for (var seq = fromSeq; seq <= toSeq;)
        {
            var chunk = cache.ChunkOf(seq);
            var first = cache.FirstSeqOf(chunk);
            var end = first + cache.ChunkEntries - 1;
            if (end > last)
            {
                // The journal's end: this chunk may still grow.
                break;
            }

            // Loaded for whoever asks first and shared, so no caller's cancellation stops it.
            var until = Math.Min(toSeq, end);
            parts.Add((first, seq, until, cache.GetAsync(feedId, chunk, (from, to) => ReadFromDatabaseAsync(feedId, from, to, cache.ChunkEntries, CancellationToken.None))));
            seq = until + 1;
        }

        var ticks = new List<FeedTick>(parts.Sum(p => (int)(p.To - p.From + 1)));
        var next = fromSeq;
        foreach (var (first, from, to, load) in parts)
        {
            var entries = await load;
            if (entries.Length != cache.ChunkEntries)
            {
                break;
            }

            ticks.AddRange(new ArraySegment<FeedTick>(entries, (int)(from - first), (int)(to - from + 1)));
            next = to + 1;
        }

        return (ticks, next);
    }

    private async Task<IReadOnlyList<FeedTick>> ReadFromDatabaseAsync(string feedId, long fromSeq, long toSeq, int max, CancellationToken cancellationToken)
    {
        var ticks = await database.Sessions.RunAsync(
            async ct =>
            {
                await using var command = database.Sessions.DataSource.CreateCommand(ReadSql);
                AddReadParameters(command, feedId, fromSeq, toSeq, max);
                return await ReadTicksAsync(command, feedId, ct);
            },
            idempotent: true,
            cancellationToken);
        metrics?.JournalReads.Add(1);
        metrics?.JournalRows.Add(ticks.Count);
        if (ticks.Count > 0)
        {
            Seen(feedId, ticks[^1].Seq);
        }

        return ticks;
    }

    private void Seen(string feedId, long seq) => _lastSeq.AddOrUpdate(feedId, seq, (_, known) => Math.Max(known, seq));

    private async Task AppendOnceAsync(string feedId, IReadOnlyList<FeedTick> ticks, CancellationToken cancellationToken)
    {
        // One transaction: a batch with a conflicting entry leaves no entry of it behind.
        await using var connection = await database.Feed.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(AppendSql, connection, transaction);
        var p = command.Parameters;
        p.AddWithValue("feed_id", feedId);
        p.AddWithValue("first_seq", ticks[0].Seq);
        p.AddWithValue("seq", ticks.Select(t => t.Seq).ToArray());
        p.AddWithValue("game_id", ticks.Select(t => t.GameId).ToArray());
        p.AddWithValue("tick", ticks.Select(t => t.Tick).ToArray());
        p.AddWithValue("price", ticks.Select(t => t.Price).ToArray());
        p.AddWithValue("phase", ticks.Select(t => (short)t.Phase).ToArray());
        p.AddWithValue("active", ticks.Select(t => t.Active).ToArray());
        p.AddWithValue("rugged", ticks.Select(t => t.Rugged).ToArray());
        p.Add(new NpgsqlParameter<DateTime[]>("received_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = ticks.Select(t => t.ReceivedAt.UtcDateTime).ToArray() });
        p.AddWithValue("kind", ticks.Select(t => (short)t.Kind).ToArray());
        p.AddWithValue("gap_ticks", ticks.Select(t => t.GapTicks).ToArray());

        long last;
        long inserted;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            last = reader.GetInt64(0);
            inserted = reader.GetInt64(1);
        }

        if (last < ticks[0].Seq - 1)
        {
            throw new InvalidOperationException($"Feed '{feedId}': seq {ticks[0].Seq} does not follow the journal's last seq {last}.");
        }

        if (inserted < ticks.Count)
        {
            await VerifyExistingAsync(connection, transaction, feedId, ticks, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static void AddReadParameters(NpgsqlCommand command, string feedId, long fromSeq, long toSeq, int max)
    {
        command.Parameters.AddWithValue("feed_id", feedId);
        command.Parameters.AddWithValue("from", fromSeq);
        command.Parameters.AddWithValue("to", toSeq);
        command.Parameters.AddWithValue("max", max);
    }

    private static async Task VerifyExistingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string feedId, IReadOnlyList<FeedTick> ticks, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ReadSql, connection, transaction);
        AddReadParameters(command, feedId, ticks[0].Seq, ticks[^1].Seq, ticks.Count);
        var stored = await ReadTicksAsync(command, feedId, cancellationToken);
        var bySeq = stored.ToDictionary(t => t.Seq);
        foreach (var tick in ticks)
        {
            if (!bySeq.TryGetValue(tick.Seq, out var existing) || !SameContent(existing, tick))
            {
                throw new InvalidOperationException(
                    $"Feed '{feedId}': seq {tick.Seq} is already journaled with different content; another writer appended to this feed.");
            }
        }
    }

    private static bool SameContent(FeedTick stored, FeedTick given) =>
        stored == given with { FeedId = stored.FeedId, ReceivedAt = ToMicroseconds(given.ReceivedAt) };

    private static DateTimeOffset ToMicroseconds(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % (TimeSpan.TicksPerMillisecond / 1000)), TimeSpan.Zero);

    private static async Task<IReadOnlyList<FeedTick>> ReadTicksAsync(NpgsqlCommand command, string feedId, CancellationToken cancellationToken)
    {
        var ticks = new List<FeedTick>();
        var gameId = "";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // A round's entries share one string (entries held in memory, e.g. by the chunk cache, hold one per round).
            // Measured: comparing here is cheaper than having the server send the id only where it changes (a window
            // function tripled the server's time per row).
            var read = reader.IsDBNull(1) ? "" : reader.GetString(1);
            if (!string.Equals(read, gameId, StringComparison.Ordinal))
            {
                gameId = read;
            }

            ticks.Add(new FeedTick(
                feedId,
                reader.GetInt64(0),
                gameId,
                reader.IsDBNull(2) ? 0 : reader.GetInt32(2),
                reader.IsDBNull(3) ? 0m : reader.GetDecimal(3),
                reader.IsDBNull(4) ? GamePhase.Cooldown : (GamePhase)reader.GetInt16(4),
                !reader.IsDBNull(5) && reader.GetBoolean(5),
                !reader.IsDBNull(6) && reader.GetBoolean(6),
                new DateTimeOffset(reader.GetFieldValue<DateTime>(7), TimeSpan.Zero),
                (FeedTickKind)reader.GetInt16(8),
                reader.IsDBNull(9) ? 0 : reader.GetInt32(9)));
        }

        return ticks;
    }
}
