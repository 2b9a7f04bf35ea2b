using Orleans.LiveSim.Abstractions.Quotas;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Grains.Quotas;

namespace Orleans.LiveSim.Grains.Tests;

/// <summary>The quota grain's general API: slots of a kind for several items at once, all or none, on the embedded defaults.</summary>
[Collection(ClusterCollection.Name)]
public sealed class QuotaGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Several_session_slots_are_reserved_all_or_none_a_retry_counts_once_and_release_frees_them()
    {
        var quota = fixture.Grains.GetGrain<IQuotaGrain>(NewAccount());
        var first = Claims(60);
        var second = Claims(60);

        var granted = await quota.ReserveAsync(QuotaKind.RunningSessions, first);
        var tooMany = await quota.ReserveAsync(QuotaKind.RunningSessions, second);
        var afterRefusal = await quota.GetUsageAsync();
        var retried = await quota.ReserveAsync(QuotaKind.RunningSessions, first);
        var rest = await quota.ReserveAsync(QuotaKind.RunningSessions, second[..40]);
        var full = await quota.GetUsageAsync();
        await quota.ReleaseAsync(QuotaKind.RunningSessions, first.Select(c => c.ItemId).ToArray());
        var released = await quota.GetUsageAsync();

        Assert.Equal(QuotaDecision.Grant, granted);
        Assert.Equal(new QuotaDecision(false, "LiveSim:Quotas:Accounts:RunningSessions", 100, 60), tooMany);
        Assert.Equal(60, afterRefusal.RunningSessions);
        Assert.Equal(QuotaDecision.Grant, retried);
        Assert.Equal(QuotaDecision.Grant, rest);
        Assert.Equal((100L, 100L), (full.RunningSessions, full.MaxRunningSessions));
        Assert.Equal(40, released.RunningSessions);
    }

    [Fact]
    public async Task Recordings_count_their_bytes_and_a_claim_over_the_bytes_limit_names_it()
    {
        var quota = fixture.Grains.GetGrain<IQuotaGrain>(NewAccount());

        var granted = await quota.ReserveAsync(QuotaKind.Recordings, "r1", 700L << 20);
        var over = await quota.ReserveAsync(QuotaKind.Recordings, [new QuotaClaim("r2", 200L << 20), new QuotaClaim("r3", 200L << 20)]);
        var usage = await quota.GetUsageAsync();

        Assert.Equal(QuotaDecision.Grant, granted);
        Assert.Equal(new QuotaDecision(false, "LiveSim:Quotas:Accounts:RecordingBytes", 1L << 30, 700L << 20), over);
        Assert.Equal((1L, 700L << 20, 0L), (usage.Recordings, usage.RecordingBytes, usage.RunningSessions));
    }

    [Fact]
    public void Stored_quota_state_reads_back_as_it_was_written()
    {
        var state = new QuotaState();
        state.Of(QuotaKind.RunningSessions)["s1"] = new QuotaSlot(0, DateTimeOffset.UnixEpoch);
        state.Of(QuotaKind.Recordings)["r1"] = new QuotaSlot(12345, DateTimeOffset.UnixEpoch.AddDays(1));
        var serializer = new StoredStateSerializer();

        var read = serializer.Deserialize<QuotaState>(serializer.Serialize(state));

        Assert.Equal(state.Of(QuotaKind.RunningSessions), read.Of(QuotaKind.RunningSessions));
        Assert.Equal(state.Of(QuotaKind.Recordings), read.Of(QuotaKind.Recordings));
    }

    private static string NewAccount() => "acct_" + Guid.NewGuid().ToString("N")[..16];

    private static QuotaClaim[] Claims(int count) => [.. Enumerable.Range(0, count).Select(_ => new QuotaClaim(Guid.NewGuid().ToString("N")))];
}
