using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.LiveSim.Store.Tests.Grains;
using Orleans.LiveSim.Store.Tests.Infrastructure;
using Orleans.Storage;

namespace Orleans.LiveSim.Store.Tests;

/// <summary>AdoNetGrainStorage against our OrleansStorage queries, for string, Guid+extension and long keys.</summary>
[Collection(AdoNetClusterCollection.Name)]
public sealed class GrainStorageTests(AdoNetClusterFixture fixture)
{
    public enum KeyKind
    {
        String,
        GuidWithExtension,
        Long,
    }

    [Theory]
    [InlineData(KeyKind.String)]
    [InlineData(KeyKind.GuidWithExtension)]
    [InlineData(KeyKind.Long)]
    public async Task A_written_state_is_version_1_and_survives_deactivation(KeyKind kind)
    {
        var (grain, row) = NewGrain(kind);

        var written = await grain.SetAsync(42, "forty-two");
        var firstActivation = await grain.GetActivationIdAsync();
        await grain.DeactivateAsync();
        var reloaded = await grain.GetAsync();

        Assert.Equal(new CounterSnapshot(42, "forty-two", "1", true), written);
        Assert.NotEqual(firstActivation, await grain.GetActivationIdAsync());
        Assert.Equal(new CounterSnapshot(42, "forty-two", "1", true), reloaded);
        var stored = await ReadRowAsync(row);
        Assert.Equal(1, stored.Version);
        Assert.Equal(row.ExpectedN0, stored.N0);
        Assert.Equal(row.ExpectedN1, stored.N1);
        // System.Text.Json payload: plain properties, no CLR type names.
        using var json = JsonDocument.Parse(stored.Payload!);
        Assert.Equal(
            ["Label", "Value"],
            json.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(42, json.RootElement.GetProperty("Value").GetInt32());
        Assert.Equal("forty-two", json.RootElement.GetProperty("Label").GetString());
    }

    [Theory]
    [InlineData(KeyKind.String)]
    [InlineData(KeyKind.GuidWithExtension)]
    [InlineData(KeyKind.Long)]
    public async Task Every_write_bumps_the_version_by_one(KeyKind kind)
    {
        var (grain, row) = NewGrain(kind);

        var etags = new List<string?>();
        for (var i = 1; i <= 3; i++)
        {
            etags.Add((await grain.SetAsync(i, $"v{i}")).ETag);
        }

        Assert.Equal(["1", "2", "3"], etags);
        Assert.Equal(3, (await ReadRowAsync(row)).Version);
    }

    [Theory]
    [InlineData(KeyKind.String)]
    [InlineData(KeyKind.GuidWithExtension)]
    [InlineData(KeyKind.Long)]
    public async Task A_write_after_someone_else_wrote_raises_InconsistentStateException(KeyKind kind)
    {
        var (grain, row) = NewGrain(kind);
        await grain.SetAsync(1, "mine");
        await PostgresServer.ExecuteAsync(
            fixture.ConnectionString,
            $"UPDATE orleansstorage SET version = version + 1 WHERE {RowPredicate}",
            row.Parameters(fixture.ServiceId));

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.SetAsync(2, "stale"));

        var reloaded = await grain.ReloadAsync();
        Assert.Equal(new CounterSnapshot(1, "mine", "2", true), reloaded);
        Assert.Equal("3", (await grain.SetAsync(3, "fresh")).ETag);
    }

    [Theory]
    [InlineData(KeyKind.String)]
    [InlineData(KeyKind.GuidWithExtension)]
    [InlineData(KeyKind.Long)]
    public async Task Clear_keeps_a_payload_less_row_with_the_next_version(KeyKind kind)
    {
        var (grain, row) = NewGrain(kind);
        await grain.SetAsync(7, "seven");

        var cleared = await grain.ClearAsync();
        await grain.DeactivateAsync();
        var reloaded = await grain.GetAsync();
        var rewritten = await grain.SetAsync(8, "eight");

        Assert.Equal(new CounterSnapshot(0, "", "2", false), cleared);
        Assert.Equal(new CounterSnapshot(0, "", "2", false), reloaded);
        Assert.Equal(new CounterSnapshot(8, "eight", "3", true), rewritten);
        var stored = await ReadRowAsync(row);
        Assert.Equal(3, stored.Version);
    }

    [Fact]
    public async Task Clear_with_DeleteStateOnClear_removes_the_row_and_a_new_write_starts_at_version_1()
    {
        var key = $"del-{Guid.NewGuid():N}";
        var grain = fixture.Client.GetGrain<IDeletingCounterGrain>(key);
        var row = new RowKey(key, 0, 0);
        await grain.SetAsync(5, "five");

        var cleared = await grain.ClearAsync();
        var rowsAfterClear = await CountRowsAsync(row);
        var rewritten = await grain.SetAsync(6, "six");

        Assert.Equal(new CounterSnapshot(0, "", null, false), cleared);
        Assert.Equal(0L, rowsAfterClear);
        Assert.Equal(new CounterSnapshot(6, "six", "1", true), rewritten);
    }

    [Theory]
    [InlineData(KeyKind.String)]
    [InlineData(KeyKind.GuidWithExtension)]
    [InlineData(KeyKind.Long)]
    public async Task The_provider_rejects_stale_etags_on_write_clear_and_delete(KeyKind kind)
    {
        var (grain, _) = NewGrain(kind);
        var grainId = grain.GetGrainId();
        var storage = fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(TestSilo.Storage);
        var deleting = fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(TestSilo.DeletingStorage);
        const string StateName = "direct";

        var first = new GrainState<CounterState>(new CounterState { Value = 1 });
        await storage.WriteStateAsync(StateName, grainId, first);
        var second = new GrainState<CounterState>(new CounterState { Value = 2 }, first.ETag);
        await storage.WriteStateAsync(StateName, grainId, second);

        Assert.Equal("1", first.ETag);
        Assert.Equal("2", second.ETag);
        // A first write (no ETag) when a row exists, and writes/clears/deletes with an old ETag, all conflict.
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(StateName, grainId, new GrainState<CounterState>(new CounterState { Value = 9 })));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(StateName, grainId, new GrainState<CounterState>(new CounterState { Value = 9 }, "1")));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.ClearStateAsync(StateName, grainId, new GrainState<CounterState>(new CounterState(), "1") { RecordExists = true }));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => deleting.ClearStateAsync(StateName, grainId, new GrainState<CounterState>(new CounterState(), "1") { RecordExists = true }));

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync(StateName, grainId, read);
        Assert.Equal(("2", true, 2), (read.ETag, read.RecordExists, read.State?.Value));

        var delete = new GrainState<CounterState>(read.State, read.ETag) { RecordExists = true };
        await deleting.ClearStateAsync(StateName, grainId, delete);
        var afterDelete = new GrainState<CounterState>();
        await storage.ReadStateAsync(StateName, grainId, afterDelete);
        Assert.Equal((null, false, 0), (delete.ETag, afterDelete.RecordExists, afterDelete.State?.Value));
        Assert.Null(afterDelete.ETag);
    }

    [Theory]
    [InlineData(KeyKind.String)]
    [InlineData(KeyKind.GuidWithExtension)]
    [InlineData(KeyKind.Long)]
    public async Task Concurrent_first_writes_of_one_grain_let_exactly_one_win(KeyKind kind)
    {
        var (grain, row) = NewGrain(kind);
        var grainId = grain.GetGrainId();
        var storage = fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(TestSilo.Storage);

        var attempts = Enumerable.Range(1, 8).Select(async i =>
        {
            try
            {
                await storage.WriteStateAsync("counter", grainId, new GrainState<CounterState>(new CounterState { Value = i }));
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        });
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(1, outcomes.Count(won => won));
        Assert.Equal(1L, await CountRowsAsync(row));
        Assert.Equal(1, (await ReadRowAsync(row)).Version);
    }

    [Fact]
    public async Task State_names_of_one_grain_are_stored_apart()
    {
        var grain = fixture.Client.GetGrain<IStringCounterGrain>($"names-{Guid.NewGuid():N}");
        var grainId = grain.GetGrainId();
        var storage = fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(TestSilo.Storage);

        await storage.WriteStateAsync("first", grainId, new GrainState<CounterState>(new CounterState { Value = 1 }));
        await storage.WriteStateAsync("second", grainId, new GrainState<CounterState>(new CounterState { Value = 2 }));
        var first = new GrainState<CounterState>();
        var second = new GrainState<CounterState>();
        await storage.ReadStateAsync("first", grainId, first);
        await storage.ReadStateAsync("second", grainId, second);

        Assert.Equal((1, "1"), (first.State?.Value, first.ETag));
        Assert.Equal((2, "1"), (second.State?.Value, second.ETag));
    }

    private const string RowPredicate =
        "serviceid = @serviceid AND graintypestring = 'counter' AND grainidn0 = @n0 AND grainidn1 = @n1 " +
        "AND grainidextensionstring IS NOT DISTINCT FROM @ext";

    private (ICounterGrain Grain, RowKey Row) NewGrain(KeyKind kind)
    {
        switch (kind)
        {
            case KeyKind.String:
                var key = $"str-{Guid.NewGuid():N}";
                return (fixture.Client.GetGrain<IStringCounterGrain>(key), new RowKey(key, 0, 0));
            case KeyKind.GuidWithExtension:
                var guid = Guid.NewGuid();
                var extension = $"ext-{Guid.NewGuid():N}";
                var bytes = guid.ToByteArray();
                return (
                    fixture.Client.GetGrain<IGuidCounterGrain>(guid, extension),
                    new RowKey(extension, BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8)));
            case KeyKind.Long:
                var id = Random.Shared.NextInt64(1, long.MaxValue);
                return (fixture.Client.GetGrain<ILongCounterGrain>(id), new RowKey(null, 0, id));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private async Task<StoredRow> ReadRowAsync(RowKey row)
    {
        var rows = await PostgresServer.QueryAsync(
            fixture.ConnectionString,
            $"SELECT grainidn0, grainidn1, version, payloadbinary FROM orleansstorage WHERE {RowPredicate}",
            row.Parameters(fixture.ServiceId));
        var single = Assert.Single(rows);
        return new StoredRow((long)single[0]!, (long)single[1]!, (int)single[2]!, (byte[]?)single[3]);
    }

    private async Task<long> CountRowsAsync(RowKey row)
    {
        var rows = await PostgresServer.QueryAsync(
            fixture.ConnectionString,
            $"SELECT count(*) FROM orleansstorage WHERE {RowPredicate}",
            row.Parameters(fixture.ServiceId));
        return (long)rows[0][0]!;
    }

    /// <summary>The identity columns the contract says the provider sends for a key.</summary>
    private sealed record RowKey(string? Extension, long ExpectedN0, long ExpectedN1)
    {
        public (string, object?)[] Parameters(string serviceId) =>
            [("serviceid", serviceId), ("n0", ExpectedN0), ("n1", ExpectedN1), ("ext", Extension)];
    }

    private sealed record StoredRow(long N0, long N1, int Version, byte[]? Payload);
}
