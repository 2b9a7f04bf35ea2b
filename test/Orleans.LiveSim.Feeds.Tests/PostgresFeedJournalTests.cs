using Npgsql;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Journal;

namespace Orleans.LiveSim.Feeds.Tests;

public sealed class PostgresFeedJournalTests
{
    // The table as the project's migration creates it; created here only if missing.
    private const string Ddl = """
        create table if not exists livesim_feed_journal(
            feed_id text, seq bigint, game_id text, tick int, price numeric, phase smallint, active bool, rugged bool,
            received_at timestamptz, kind smallint, gap_ticks int, primary key(feed_id, seq))
        """;

    private static async Task<NpgsqlDataSource> OpenAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("LIVESIM_TEST_PG");
        Assert.False(string.IsNullOrWhiteSpace(connectionString), "CI=true requires LIVESIM_TEST_PG (a PostgreSQL connection string).");
        var dataSource = NpgsqlDataSource.Create(connectionString!);
        await using var command = dataSource.CreateCommand(Ddl);
        await command.ExecuteNonQueryAsync();
        return dataSource;
    }

    private static FeedTick Tick(string feed, long seq, int tick, decimal price, FeedTickKind kind = FeedTickKind.Tick, int gap = 0) =>
        new(feed, seq, "20251207-e8186dbf38e046d1", tick, price, tick == 99 ? GamePhase.Rugged : GamePhase.Active, true, tick == 99,
            new DateTimeOffset(2025, 12, 6, 19, 57, 10, TimeSpan.Zero).AddTicks(4208920 + seq * 10), kind, gap);

    [PostgresFact]
    public async Task Appended_entries_read_back_identically_in_seq_order()
    {
        await using var dataSource = await OpenAsync();
        var journal = new PostgresFeedJournal(dataSource);
        var feed = "pg-test-" + Guid.NewGuid().ToString("N");
        var ticks = new[]
        {
            Tick(feed, 1, 129, 1.061531247396796m),
            Tick(feed, 2, 130, 1.0790508269765124m),
            Tick(feed, 3, 131, 1.0790508269765124m, FeedTickKind.Gap, 7),
            Tick(feed, 4, 99, 0.00925864293410624m),
        };
        await journal.AppendAsync(feed, ticks[..2]);
        await journal.AppendAsync(feed, ticks[2..]);

        Assert.Equal(ticks, await journal.ReadAsync(feed, 1, 4, 100));
        Assert.Equal(ticks[1..3], await journal.ReadAsync(feed, 2, 3, 100));
        Assert.Equal(ticks[..2], await journal.ReadAsync(feed, 1, 4, 2));
        Assert.Empty(await journal.ReadAsync(feed, 5, 10, 100));
        Assert.Equal(4, await journal.GetLastSeqAsync(feed));
        Assert.Equal(0, await journal.GetLastSeqAsync(feed + "-none"));
    }

    [PostgresFact]
    public async Task Appending_the_same_entries_again_changes_nothing()
    {
        await using var dataSource = await OpenAsync();
        var journal = new PostgresFeedJournal(dataSource);
        var feed = "pg-test-" + Guid.NewGuid().ToString("N");
        var ticks = Enumerable.Range(1, 500).Select(i => Tick(feed, i, i, 1m + (i / 1000m))).ToArray();
        await journal.AppendAsync(feed, ticks);
        await journal.AppendAsync(feed, ticks[100..200]);
        Assert.Equal(ticks, await journal.ReadAsync(feed, 1, 500, 1000));
        Assert.Equal(500, await journal.GetLastSeqAsync(feed));
    }
}
