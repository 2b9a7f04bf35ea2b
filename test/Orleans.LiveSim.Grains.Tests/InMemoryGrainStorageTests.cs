using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Orleans.LiveSim.Grains.Tests;

/// <summary>The embedded default's grain storage: stored JSON, and Orleans' optimistic concurrency by ETag.</summary>
public sealed class InMemoryGrainStorageTests
{
    private static readonly GrainId Grain = GrainId.Create("session", "s-1");
    private readonly InMemoryGrainStates _states = new();
    private readonly StoredStateSerializer _serializer = new();

    private static IActivatorProvider Activators { get; } =
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<IActivatorProvider>();

    private InMemoryGrainStorage Storage => new(_states, _serializer, Activators);

    [Fact]
    public async Task A_written_state_reads_back_with_its_etag_from_another_storage_on_the_same_states()
    {
        var written = State(new Note("a", 1));
        await Storage.WriteStateAsync("session", Grain, written);

        var read = State<Note>(null);
        await Storage.ReadStateAsync("session", Grain, read);

        Assert.Equal(new Note("a", 1), read.State);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task A_state_never_written_reads_as_a_new_one_without_etag()
    {
        var read = State<Note>(new Note("left over", 9));
        await Storage.ReadStateAsync("session", Grain, read);

        // Made as Orleans makes state (its activator): not what the grain held before.
        Assert.NotEqual(new Note("left over", 9), read.State);
        Assert.Equal(0, read.State!.Count);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        var first = State(new Note("a", 1));
        await Storage.WriteStateAsync("session", Grain, first);
        var stale = State(new Note("b", 2), first.ETag);
        await Storage.WriteStateAsync("session", Grain, State(new Note("a", 2), first.ETag));

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("session", Grain, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("session", Grain, State(new Note("c", 3))));
        var read = State<Note>(null);
        await Storage.ReadStateAsync("session", Grain, read);
        Assert.Equal(new Note("a", 2), read.State);
    }

    [Fact]
    public async Task The_wildcard_etag_writes_over_whatever_is_held()
    {
        await Storage.WriteStateAsync("session", Grain, State(new Note("a", 1)));

        await Storage.WriteStateAsync("session", Grain, State(new Note("b", 2), "*"));

        var read = State<Note>(null);
        await Storage.ReadStateAsync("session", Grain, read);
        Assert.Equal(new Note("b", 2), read.State);
    }

    [Fact]
    public async Task A_clear_needs_the_current_etag_and_forgets_the_state()
    {
        var written = State(new Note("a", 1));
        await Storage.WriteStateAsync("session", Grain, written);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync("session", Grain, State(new Note(), "0")));
        await Storage.ClearStateAsync("session", Grain, written);

        Assert.Null(written.ETag);
        Assert.False(written.RecordExists);
        Assert.Equal(0, _states.Count);
        // After a clear a first write (no ETag) is accepted again.
        await Storage.WriteStateAsync("session", Grain, State(new Note("b", 2)));
        Assert.Equal(1, _states.Count);
    }

    [Fact]
    public async Task States_are_kept_apart_by_state_name_and_grain()
    {
        await Storage.WriteStateAsync("session", Grain, State(new Note("a", 1)));
        await Storage.WriteStateAsync("sweep", Grain, State(new Note("b", 2)));
        await Storage.WriteStateAsync("session", GrainId.Create("session", "s-2"), State(new Note("c", 3)));

        var read = State<Note>(null);
        await Storage.ReadStateAsync("sweep", Grain, read);
        Assert.Equal(new Note("b", 2), read.State);
        Assert.Equal(3, _states.Count);
    }

    [Fact]
    public void The_pinned_copy_holds_the_same_json_as_the_stored_state_serializer()
    {
        var note = new Note("ä \"quoted\"", 42);

        var pinned = _serializer.SerializePinned(note);

        Assert.Equal(_serializer.Serialize(note).ToArray(), pinned);
    }

    private static GrainState<T> State<T>(T? state, string? etag = null)
        where T : class => new(state!, etag);

    public sealed record Note(string Text = "", int Count = 0);
}
