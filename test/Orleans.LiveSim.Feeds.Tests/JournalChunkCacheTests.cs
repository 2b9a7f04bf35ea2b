using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Journal;

namespace Orleans.LiveSim.Feeds.Tests;

/// <summary>Whole journal chunks shared by the replays of a silo: one load per chunk, a bounded number of entries held.</summary>
public sealed class JournalChunkCacheTests
{
    private const int Chunk = 10;
    private readonly List<(long From, long To)> _loads = [];

    [Fact]
    public async Task A_hundred_concurrent_readers_of_one_chunk_share_one_load_and_get_its_entries_in_seq_order()
    {
        var cache = new JournalChunkCache(Chunk, 100);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var readers = Enumerable.Range(0, 100).Select(_ => cache.GetAsync("f", 2, (from, to) => HeldLoadAsync(gate.Task, from, to))).ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(readers);

        Assert.Equal([(21L, 30L)], _loads);
        Assert.All(results, r => Assert.Equal(Enumerable.Range(21, Chunk).Select(i => (long)i), r.Select(t => t.Seq)));
        Assert.Equal(1, cache.Misses);
        Assert.Equal(99, cache.Hits);
    }

    [Fact]
    public async Task Past_its_bound_the_least_recently_used_chunk_is_dropped_and_loaded_again_when_asked_for()
    {
        var cache = new JournalChunkCache(Chunk, 2 * Chunk);
        await cache.GetAsync("f", 0, LoadAsync);
        await cache.GetAsync("f", 1, LoadAsync);
        await cache.GetAsync("f", 0, LoadAsync);

        await cache.GetAsync("f", 2, LoadAsync);
        Assert.Equal(2 * Chunk, cache.HeldEntries);
        await cache.GetAsync("f", 0, LoadAsync);
        await cache.GetAsync("f", 1, LoadAsync);

        // Chunk 1 was the least recently used when chunk 2 came in; chunk 0 was kept.
        Assert.Equal([(1L, 10L), (11L, 20L), (21L, 30L), (11L, 20L)], _loads);
        Assert.Equal(2 * Chunk, cache.HeldEntries);
    }

    [Fact]
    public async Task Chunks_of_different_feeds_are_kept_apart()
    {
        var cache = new JournalChunkCache(Chunk, 4 * Chunk);

        var f = await cache.GetAsync("f", 0, LoadAsync);
        var g = await cache.GetAsync("g", 0, (from, to) => LoadAsync(from, to, "g"));

        Assert.All(f, t => Assert.Equal("f", t.FeedId));
        Assert.All(g, t => Assert.Equal("g", t.FeedId));
        Assert.Equal(2, _loads.Count);
    }

    [Fact]
    public async Task A_chunk_the_journal_does_not_hold_whole_yet_is_returned_but_not_kept()
    {
        var cache = new JournalChunkCache(Chunk, 4 * Chunk);

        var partial = await cache.GetAsync("f", 0, (from, _) => LoadAsync(from, from + 6));
        var whole = await cache.GetAsync("f", 0, LoadAsync);
        await cache.GetAsync("f", 0, LoadAsync);

        Assert.Equal(7, partial.Length);
        Assert.Equal(Chunk, whole.Length);
        Assert.Equal([(1L, 7L), (1L, 10L)], _loads);
        Assert.Equal(Chunk, cache.HeldEntries);
    }

    [Fact]
    public async Task A_failed_load_reaches_every_reader_waiting_for_it_and_the_next_reader_loads_again()
    {
        var cache = new JournalChunkCache(Chunk, 4 * Chunk);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = cache.GetAsync("f", 0, async (_, _) =>
        {
            await gate.Task;
            throw new InvalidOperationException("database down");
        });
        var second = cache.GetAsync("f", 0, LoadAsync);
        gate.SetResult();

        Assert.Equal("database down", (await Assert.ThrowsAsync<InvalidOperationException>(() => first)).Message);
        Assert.Equal("database down", (await Assert.ThrowsAsync<InvalidOperationException>(() => second)).Message);
        Assert.Equal(0, cache.HeldEntries);
        Assert.Equal(Chunk, (await cache.GetAsync("f", 0, LoadAsync)).Length);
        Assert.Equal([(1L, 10L)], _loads);
    }

    [Fact]
    public void Chunk_k_holds_seqs_k_times_C_plus_1_to_k_plus_1_times_C()
    {
        var cache = new JournalChunkCache(4096, 4096);

        Assert.Equal(0, cache.ChunkOf(1));
        Assert.Equal(0, cache.ChunkOf(4096));
        Assert.Equal(1, cache.ChunkOf(4097));
        Assert.Equal(4097, cache.FirstSeqOf(1));
    }

    private async Task<IReadOnlyList<FeedTick>> HeldLoadAsync(Task gate, long from, long to)
    {
        await gate;
        return await LoadAsync(from, to);
    }

    private Task<IReadOnlyList<FeedTick>> LoadAsync(long from, long to) => LoadAsync(from, to, "f");

    private Task<IReadOnlyList<FeedTick>> LoadAsync(long from, long to, string feedId)
    {
        lock (_loads)
        {
            _loads.Add((from, to));
        }

        IReadOnlyList<FeedTick> ticks = [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => new FeedTick(feedId, i, "g-1", i, 1m, GamePhase.Active, true, false, DateTimeOffset.UnixEpoch.AddMilliseconds(250 * i)))];
        return Task.FromResult(ticks);
    }
}
