using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Recordings;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Cluster.Tests.Infrastructure;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Store;

namespace Orleans.LiveSim.Cluster.Tests;

/// <summary>The PostgreSQL journal and session index the silos share, against a migrated database.</summary>
public sealed class StoreTests() : MigratedDatabase("store")
{
    [Fact]
    public async Task Recordings_are_stored_with_their_counters_and_listed_in_upload_order()
    {
        var store = new PostgresRecordingStore(Database);
        var counters = new FeedCounters { Messages = 197, Ticks = 139, OutOfOrder = 1, Duplicates = 1 };
        var first = new RecordingInfo("a1", "capture", new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), 5, 197, 139, 2, counters);
        var second = first with { RecordingId = "b2", Name = null, CreatedAt = first.CreatedAt.AddMinutes(1) };
        await store.SaveAsync(first, "hello"u8.ToArray());
        await store.SaveAsync(second, "hello"u8.ToArray());

        Assert.Equal(first, await store.GetAsync("a1"));
        Assert.Null(await store.GetAsync("nope"));
        Assert.Equal(["a1", "b2"], (await store.ListAsync(OwnerFilter.All)).Select(r => r.RecordingId));
    }

    [Fact]
    public async Task Journal_reads_back_exactly_what_was_appended_in_seq_order_with_limit()
    {
        var journal = new PostgresFeedJournal(Database);
        var ticks = Ticks("f", 1, 5);
        await journal.AppendAsync("f", ticks[..3]);
        await journal.AppendAsync("f", ticks[3..]);

        Assert.Equal(5, await journal.GetLastSeqAsync("f"));
        Assert.Equal(0, await journal.GetLastSeqAsync("other"));
        Assert.Equal(ticks, await journal.ReadAsync("f", 1, 5, 100));
        Assert.Equal(ticks[1..3], await journal.ReadAsync("f", 2, 5, 2));
    }

    [Fact]
    public async Task Journal_ignores_an_identical_reappend_and_rejects_different_content_for_a_taken_seq()
    {
        var journal = new PostgresFeedJournal(Database);
        var ticks = Ticks("f", 1, 3);
        await journal.AppendAsync("f", ticks);

        await journal.AppendAsync("f", ticks[1..]);
        var conflict = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await journal.AppendAsync("f", [ticks[2] with { Price = 9.99m }, Ticks("f", 4, 1)[0]]));

        Assert.Contains("seq 3 is already journaled with different content", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(3, await journal.GetLastSeqAsync("f"));
    }

    [Fact]
    public async Task Journal_rejects_a_batch_that_would_leave_a_hole()
    {
        var journal = new PostgresFeedJournal(Database);
        await journal.AppendAsync("f", Ticks("f", 1, 2));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await journal.AppendAsync("f", Ticks("f", 4, 2)));
        Assert.Equal(2, await journal.GetLastSeqAsync("f"));
    }

    [Fact]
    public async Task Journal_reads_whole_chunks_below_its_end_from_the_chunk_cache_once_and_returns_exactly_what_was_appended()
    {
        var cache = new JournalChunkCache(100, 1000);
        var journal = new PostgresFeedJournal(Database, cache);
        // Rounds of 37 entries, one stretch without a game id: the read sends a round's id once, where it changes.
        var ticks = Ticks("f", 1, 1050).Select(t => t with { GameId = t.Seq is > 400 and <= 450 ? "" : $"g-{t.Seq / 37}" }).ToArray();
        for (var i = 0; i < ticks.Length; i += 500)
        {
            await journal.AppendAsync("f", ticks[i..Math.Min(ticks.Length, i + 500)]);
        }

        Assert.Equal(ticks, await journal.ReadAsync("f", 1, 1050, 2000));
        Assert.Equal(10, cache.Misses);
        Assert.Equal(ticks[149..249], await journal.ReadAsync("f", 150, 420, 100));
        Assert.Equal(ticks[979..1040], await journal.ReadAsync("f", 980, 1040, 2000));

        // Chunks 0..9 (seq 1..1000) were read once; the last 50 entries, a chunk the feed may still fill, never went to the cache.
        Assert.Equal(10, cache.Misses);
        Assert.Equal(3, cache.Hits);
        Assert.Equal(ticks, await new PostgresFeedJournal(Database).ReadAsync("f", 1, 1050, 2000));
    }

    [Fact]
    public async Task Session_index_lists_by_feed_and_shard_and_replays_across_feeds()
    {
        var index = new PostgresSessionIndex(Database);
        await index.AddAsync("a", "demo", 3);
        await index.AddAsync("b", "demo", 3);
        await index.AddAsync("c", "other", 3);
        await index.AddAsync("r1", "demo", -1);
        await index.AddAsync("r2", "other", -1);
        await index.AddAsync("b", "demo", 3);
        await index.RemoveAsync("a");

        Assert.Equal(["b"], await index.ListAsync("demo", 3));
        Assert.Equal(["r1", "r2"], await index.ListShardAsync(-1));
    }

    // Whole microseconds: timestamptz keeps no finer time, and these must compare equal after a round trip.
    internal static FeedTick[] Ticks(string feedId, long firstSeq, int count) =>
        Enumerable.Range(0, count)
            .Select(i => new FeedTick(
                feedId,
                firstSeq + i,
                "g-1",
                (int)(firstSeq + i),
                1.0m + (0.0125m * i),
                GamePhase.Active,
                true,
                false,
                new DateTimeOffset(2025, 12, 7, 10, 0, 0, TimeSpan.Zero).AddMilliseconds(250 * (firstSeq + i)).AddTicks(10 * i)))
            .ToArray();
}
