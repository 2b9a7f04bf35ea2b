using Orleans.Storage;

namespace Orleans.LiveSim.Store;

/// <summary>
/// Puts the ADO.NET grain storage behind the sessions pool's <see cref="DatabaseGate"/>: after a restart, thousands
/// of session activations read their state in order, a pool's worth at a time, and a transient failure is retried
/// with backoff instead of failing the activation. Reads are retried after any transient failure; versioned writes
/// only when the statement surely never ran (a write that may have committed must not be sent again with the same
/// version: it would be a conflict).
/// </summary>
public sealed class GatedGrainStorage(IGrainStorage inner, DatabaseGate gate) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        gate.RunAsync(ct => inner.ReadStateAsync(stateName, grainId, grainState, ct), idempotent: true, cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        gate.RunAsync(ct => inner.WriteStateAsync(stateName, grainId, grainState, ct), idempotent: false, cancellationToken);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        gate.RunAsync(ct => inner.ClearStateAsync(stateName, grainId, grainState, ct), idempotent: false, cancellationToken);

    /// <summary>The provider initializes itself (reads its queries) in the silo lifecycle; this wrapper takes its place there.</summary>
    public void Participate(ISiloLifecycle lifecycle)
    {
        if (inner is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            participant.Participate(lifecycle);
        }
    }
}
