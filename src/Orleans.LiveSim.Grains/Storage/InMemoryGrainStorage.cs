using System.Collections.Concurrent;
using System.Globalization;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Orleans.LiveSim.Grains.Storage;

/// <summary>
/// Grain state of the embedded default (one silo, nothing survives the process), kept as each grain's stored JSON: the
/// same documents, versions and upgrades as in PostgreSQL (<see cref="StoredStateSerializer"/>).
/// </summary>
/// <remarks>
/// It replaces Orleans' memory storage, which sends every write to a storage grain: a message, a copy of the bytes on the
/// way, and bytes that then live until the next write, promoted through gen0 and gen1 like anything else. At 100,000
/// sessions writing every 60 s that was tens of MB per gen0 collection to copy, on top of every tick's work. Here a write is
/// serialized into a reused buffer and kept in one array on the pinned object heap, which gen0 and gen1 collections never
/// copy (docs/adr/0001). Optimistic concurrency is as in Orleans' memory storage: a write or a clear must bring the ETag the
/// state was read or last written with (<c>*</c> matches any), else <see cref="InconsistentStateException"/>; a state not
/// stored reads as a new one made as Orleans makes it.
/// </remarks>
public sealed class InMemoryGrainStorage(InMemoryGrainStates states, StoredStateSerializer serializer, IActivatorProvider activators) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (states.TryGet(Key(stateName, grainId)) is { } stored)
        {
            grainState.State = serializer.Deserialize<T>(new BinaryData(stored.Json));
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = activators.GetActivator<T>().Create();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        grainState.ETag = states.Write(Key(stateName, grainId), grainState.ETag, serializer.SerializePinned(grainState.State));
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        states.Remove(Key(stateName, grainId), grainState.ETag);
        grainState.State = activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => string.Concat(stateName, "/", grainId.ToString());
}

/// <summary>
/// The states <see cref="InMemoryGrainStorage"/> keeps, by state name and grain id: one per process (a test cluster's
/// silos in one process share it, as they share the embedded journal).
/// </summary>
public sealed class InMemoryGrainStates
{
    private readonly ConcurrentDictionary<string, Stored> _states = new(StringComparer.Ordinal);
    private long _etag;

    /// <summary>Number of states held.</summary>
    public int Count => _states.Count;

    internal Stored? TryGet(string key) => _states.TryGetValue(key, out var stored) ? stored : null;

    /// <summary>Keeps <paramref name="json"/> if <paramref name="etag"/> matches what is held; returns the new ETag.</summary>
    internal string Write(string key, string? etag, byte[] json)
    {
        var next = Interlocked.Increment(ref _etag).ToString(CultureInfo.InvariantCulture);
        var written = new Stored(json, next);
        while (true)
        {
            if (_states.TryGetValue(key, out var current))
            {
                Check(key, current.ETag, etag);
                if (_states.TryUpdate(key, written, current))
                {
                    return next;
                }
            }
            else
            {
                Check(key, null, etag);
                if (_states.TryAdd(key, written))
                {
                    return next;
                }
            }
        }
    }

    internal void Remove(string key, string? etag)
    {
        while (_states.TryGetValue(key, out var current))
        {
            Check(key, current.ETag, etag);
            if (_states.TryRemove(new KeyValuePair<string, Stored>(key, current)))
            {
                return;
            }
        }

        Check(key, null, etag);
    }

    private static void Check(string key, string? held, string? brought)
    {
        if (brought != "*" && brought != held)
        {
            throw new InconsistentStateException($"State {key} was changed by someone else (ETag {held ?? "none"}, this write brought {brought ?? "none"}).", held ?? "", brought ?? "");
        }
    }

    internal sealed record Stored(byte[] Json, string ETag);
}
