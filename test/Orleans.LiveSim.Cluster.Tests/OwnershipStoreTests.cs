using Orleans.LiveSim.Abstractions.Accounts;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Recordings;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Cluster.Tests.Infrastructure;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Store;

namespace Orleans.LiveSim.Cluster.Tests;

/// <summary>What accounts own, in PostgreSQL (migration 020): accounts and their hashed keys, the session catalog, recordings by owner.</summary>
public sealed class OwnershipStoreTests() : MigratedDatabase("ownership")
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Accounts_page_in_id_order_and_keys_are_found_by_hash_listed_oldest_first_and_revoked_once()
    {
        var store = new PostgresAccountStore(Database);
        var accounts = new[] { "acct_c", "acct_a", "acct_b" }.Select((id, i) => new Account(id, $"<b>{id}</b> \"quoted\"", T0.AddMinutes(i))).ToArray();
        foreach (var account in accounts)
        {
            await store.CreateAsync(account);
        }

        var first = new ApiKeyInfo("key_1", "acct_a", "lsk_aaaaaaaa", T0);
        var second = new ApiKeyInfo("key_2", "acct_a", "lsk_bbbbbbbb", T0.AddSeconds(1));
        await store.AddKeyAsync(second, "hash-2");
        await store.AddKeyAsync(first, "hash-1");
        var revoked = await store.RevokeKeyAsync("acct_a", "key_1", T0.AddHours(1));
        var revokedAgain = await store.RevokeKeyAsync("acct_a", "key_1", T0.AddHours(2));

        Assert.Equal(["acct_a", "acct_b"], (await store.ListAsync(null, 2)).Select(a => a.AccountId));
        Assert.Equal(["acct_c"], (await store.ListAsync("acct_b", 2)).Select(a => a.AccountId));
        Assert.Equal(accounts[1], await store.GetAsync("acct_a"));
        Assert.Null(await store.GetAsync("acct_nope"));
        Assert.Equal(second, await store.FindKeyAsync("hash-2"));
        Assert.Null(await store.FindKeyAsync("hash-unknown"));
        Assert.Equal(first with { RevokedAt = T0.AddHours(1) }, revoked);
        Assert.Equal(revoked, revokedAgain);
        Assert.Equal(revoked, await store.FindKeyAsync("hash-1"));
        Assert.Null(await store.RevokeKeyAsync("acct_b", "key_2", T0));
        Assert.Equal([revoked!, second], await store.ListKeysAsync("acct_a"));
        Assert.Empty(await store.ListKeysAsync("acct_b"));
    }

    [Fact]
    public async Task The_session_catalog_lists_an_owners_sessions_newest_first_by_keyset_pages_with_filters()
    {
        var catalog = new PostgresSessionCatalog(Database);
        SessionCatalogEntry Entry(string id, string? owner, int minute, SessionStatus status = SessionStatus.Running, SessionMode mode = SessionMode.Live, string feed = "demo", string? recording = null) =>
            new(id, owner, feed, mode, status, recording, T0.AddMinutes(minute), T0.AddMinutes(minute));
        var entries = new[]
        {
            Entry("s1", "acct_a", 1),
            Entry("s2", "acct_a", 2, SessionStatus.Stopped),
            Entry("s3", "acct_a", 3, mode: SessionMode.Replay, feed: "recording-r1", recording: "r1"),
            Entry("s4", "acct_b", 4),
            Entry("s5", null, 5, SessionStatus.Completed, SessionMode.Replay),
            Entry("s6", "acct_a", 6, SessionStatus.Failed),
        };
        foreach (var entry in entries)
        {
            await catalog.UpsertAsync(entry);
        }

        // A status change rewrites the entry; its place in the listing (created time) stays.
        var stopped = entries[0] with { Status = SessionStatus.Stopped, UpdatedAt = T0.AddHours(1) };
        await catalog.UpsertAsync(stopped);
        async Task<string[]> Ids(SessionCatalogQuery query) => [.. (await catalog.ListAsync(query)).Select(e => e.SessionId)];
        var mine = OwnerFilter.Of("acct_a");

        Assert.Equal(["s6", "s3"], await Ids(new SessionCatalogQuery(mine, 2)));
        Assert.Equal(["s2", "s1"], await Ids(new SessionCatalogQuery(mine, 2, After: "s3")));
        Assert.Empty(await Ids(new SessionCatalogQuery(mine, 2, After: "s4")));
        Assert.Equal(["s6", "s5", "s4", "s3", "s2", "s1"], await Ids(new SessionCatalogQuery(OwnerFilter.All, 10)));
        Assert.Equal(["s5"], await Ids(new SessionCatalogQuery(OwnerFilter.Of(null), 10)));
        Assert.Equal(["s2", "s1"], await Ids(new SessionCatalogQuery(mine, 10, Status: SessionStatus.Stopped)));
        Assert.Equal(["s3"], await Ids(new SessionCatalogQuery(mine, 10, Ended: false)));
        Assert.Equal(["s6", "s2", "s1"], await Ids(new SessionCatalogQuery(mine, 10, Ended: true, Mode: SessionMode.Live, FeedId: "demo")));
        Assert.Equal(["s3"], await Ids(new SessionCatalogQuery(OwnerFilter.All, 10, RecordingId: "r1")));
        Assert.Equal(stopped, await catalog.GetAsync("s1"));
        Assert.Equal(entries[4], await catalog.GetAsync("s5"));
        Assert.Null(await catalog.GetAsync("nope"));
    }

    [Fact]
    public async Task Recordings_are_listed_by_owner_and_a_deleted_one_is_gone()
    {
        var store = new PostgresRecordingStore(Database);
        var info = new RecordingInfo("r1", "<img src=x onerror=alert(1)>", T0, 5, 1, 1, 0, new FeedCounters(), OwnerAccountId: "acct_a");
        await store.SaveAsync(info, "hello"u8.ToArray());
        await store.SaveAsync(info with { RecordingId = "r2", OwnerAccountId = null, CreatedAt = T0.AddMinutes(1) }, "hello"u8.ToArray());
        await store.SaveAsync(info with { RecordingId = "r3", OwnerAccountId = "acct_b", CreatedAt = T0.AddMinutes(2) }, "hello"u8.ToArray());

        var deleted = await store.DeleteAsync("r3");
        var deletedAgain = await store.DeleteAsync("r3");

        Assert.Equal(["r1"], (await store.ListAsync(OwnerFilter.Of("acct_a"))).Select(r => r.RecordingId));
        Assert.Equal(["r2"], (await store.ListAsync(OwnerFilter.Of(null))).Select(r => r.RecordingId));
        Assert.Equal(["r1", "r2"], (await store.ListAsync(OwnerFilter.All)).Select(r => r.RecordingId));
        Assert.Equal(info, await store.GetAsync("r1"));
        Assert.Equal((true, false), (deleted, deletedAgain));
        Assert.Null(await store.GetAsync("r3"));
    }

    [Fact]
    public async Task A_deleted_recordings_journal_entries_are_all_gone_and_every_other_feed_keeps_its_own()
    {
        var journal = new PostgresFeedJournal(Database);
        await journal.AppendAsync("recording-r1", StoreTests.Ticks("recording-r1", 1, 5));
        await journal.AppendAsync("recording-r2", StoreTests.Ticks("recording-r2", 1, 3));
        await journal.AppendAsync("demo", StoreTests.Ticks("demo", 1, 4));
        var before = await journal.ReadAsync("recording-r1", 1, 5, 100);

        await journal.DeleteFeedAsync("recording-r1");
        await journal.DeleteFeedAsync("recording-r1");

        Assert.Equal(5, before.Count);
        Assert.Empty(await journal.ReadAsync("recording-r1", 1, 5, 100));
        Assert.Equal((0L, 0L), (await journal.GetFirstSeqAsync("recording-r1"), await journal.GetLastSeqAsync("recording-r1")));
        Assert.Equal(StoreTests.Ticks("recording-r2", 1, 3), await journal.ReadAsync("recording-r2", 1, 3, 100));
        Assert.Equal(4, await journal.GetLastSeqAsync("demo"));
    }
}
