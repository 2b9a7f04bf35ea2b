using Orleans.LiveSim.Store.Tests.Grains;
using Orleans.LiveSim.Store.Tests.Infrastructure;
using Orleans.Runtime;

namespace Orleans.LiveSim.Store.Tests;

/// <summary>AdoNetReminderTable against our reminder queries.</summary>
[Collection(AdoNetClusterCollection.Name)]
public sealed class ReminderTests(AdoNetClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_grain_registers_reads_back_and_unregisters_reminders_stored_in_PostgreSQL()
    {
        var grain = fixture.Client.GetGrain<IReminderTestGrain>($"rem-{Guid.NewGuid():N}");
        var grainId = grain.GetGrainId();

        await grain.RegisterAsync("alpha", TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        await grain.RegisterAsync("beta", TimeSpan.FromHours(2), TimeSpan.FromMinutes(90));
        var registered = await grain.GetReminderNamesAsync();
        var rows = await RowsAsync(grainId);

        Assert.Equal(["alpha", "beta"], registered);
        Assert.Equal(
            [
                ("alpha", 3_600_000L, (int)grainId.GetUniformHashCode()),
                ("beta", 5_400_000L, (int)grainId.GetUniformHashCode()),
            ],
            rows);

        await grain.UnregisterAsync("alpha");

        Assert.Equal(["beta"], await grain.GetReminderNamesAsync());
        Assert.Equal([("beta", 5_400_000L, (int)grainId.GetUniformHashCode())], await RowsAsync(grainId));
        await grain.UnregisterAsync("beta");
        Assert.Empty(await RowsAsync(grainId));
    }

    [Fact]
    public async Task A_registered_reminder_ticks_until_unregistered()
    {
        var grain = fixture.Client.GetGrain<IReminderTestGrain>($"tick-{Guid.NewGuid():N}");

        await grain.RegisterAsync("tick", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var ticks = await Poll.UntilAsync(() => grain.GetTickCountAsync("tick"), n => n >= 2, Deadline, "two reminder ticks");
        await grain.UnregisterAsync("tick");

        Assert.True(ticks >= 2, $"expected at least 2 ticks, saw {ticks}");
        Assert.Empty(await grain.GetReminderNamesAsync());
    }

    [Fact]
    public async Task The_reminder_table_upserts_with_new_etags_deletes_by_etag_and_splits_the_ring_exactly()
    {
        var table = fixture.GetSiloService<IReminderTable>();
        // Far in the future so the silo's reminder service never fires these grain-less entries.
        var startAt = DateTime.UtcNow.AddDays(1);
        var entries = Enumerable.Range(0, 40)
            .Select(i => new ReminderEntry
            {
                GrainId = GrainId.Create("store-tests-ring", $"{Guid.NewGuid():N}-{i}"),
                ReminderName = "ring",
                StartAt = startAt,
                Period = TimeSpan.FromMinutes(5),
            })
            .ToList();

        foreach (var entry in entries)
        {
            entry.ETag = await table.UpsertRow(entry);
        }

        var first = entries[0];
        var firstEtag = first.ETag;
        first.Period = TimeSpan.FromMinutes(10);
        var secondEtag = await table.UpsertRow(first);
        var reread = await table.ReadRow(first.GrainId, "ring");
        Assert.NotNull(reread);

        Assert.Equal(("0", "1"), (firstEtag, secondEtag));
        Assert.Equal(
            (first.GrainId, "ring", TimeSpan.FromMinutes(10), "1"),
            (reread.GrainId, reread.ReminderName, reread.Period, reread.ETag));
        Assert.Equal(startAt.Ticks / 10, reread.StartAt.ToUniversalTime().Ticks / 10);
        Assert.Single((await table.ReadRows(first.GrainId)).Reminders);

        // Two half rings in the provider's (begin, end] convention, one of them wrapping past uint.MaxValue.
        const uint Half = 0x8000_0000;
        var lower = await table.ReadRows(0, Half);
        var upper = await table.ReadRows(Half, 0);
        var ours = entries.Select(e => e.GrainId).ToHashSet();
        var lowerIds = lower.Reminders.Select(r => r.GrainId).Where(ours.Contains).ToHashSet();
        var upperIds = upper.Reminders.Select(r => r.GrainId).Where(ours.Contains).ToHashSet();

        Assert.Equal(entries.Where(e => InRange(e.GrainId.GetUniformHashCode(), 0, Half)).Select(e => e.GrainId).ToHashSet(), lowerIds);
        Assert.Equal(entries.Where(e => !InRange(e.GrainId.GetUniformHashCode(), 0, Half)).Select(e => e.GrainId).ToHashSet(), upperIds);
        Assert.NotEmpty(lowerIds);
        Assert.NotEmpty(upperIds);
        var fullRing = await table.ReadRows(0, 0);
        Assert.Equal(ours, fullRing.Reminders.Select(r => r.GrainId).Where(ours.Contains).ToHashSet());

        Assert.False(await table.RemoveRow(first.GrainId, "ring", "0"));
        Assert.True(await table.RemoveRow(first.GrainId, "ring", "1"));
        Assert.Null(await table.ReadRow(first.GrainId, "ring"));
        foreach (var entry in entries.Skip(1))
        {
            Assert.True(await table.RemoveRow(entry.GrainId, "ring", entry.ETag ?? ""));
        }
    }

    private static bool InRange(uint hash, uint begin, uint end) => hash > begin && hash <= end;

    private async Task<List<(string Name, long Period, int Hash)>> RowsAsync(GrainId grainId)
    {
        var rows = await PostgresServer.QueryAsync(
            fixture.ConnectionString,
            "SELECT remindername, period, grainhash FROM orleansreminderstable WHERE serviceid = @service AND grainid = @grain ORDER BY remindername",
            ("service", fixture.ServiceId),
            ("grain", grainId.ToString()));
        return rows.Select(r => ((string)r[0]!, (long)r[1]!, (int)r[2]!)).ToList();
    }
}
