namespace Orleans.LiveSim.Store.Tests.Grains;

public abstract class CounterGrainBase(IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public Task<Guid> GetActivationIdAsync() => Task.FromResult(_activationId);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<CounterSnapshot> GetAsync() => Task.FromResult(Snapshot());

    public async Task<CounterSnapshot> SetAsync(int value, string label)
    {
        state.State.Value = value;
        state.State.Label = label;
        await state.WriteStateAsync();
        return Snapshot();
    }

    public async Task<CounterSnapshot> ClearAsync()
    {
        await state.ClearStateAsync();
        return Snapshot();
    }

    public async Task<CounterSnapshot> ReloadAsync()
    {
        await state.ReadStateAsync();
        return Snapshot();
    }

    private CounterSnapshot Snapshot() => new(state.State.Value, state.State.Label, state.Etag, state.RecordExists);
}

public sealed class StringCounterGrain([PersistentState("counter", TestSilo.Storage)] IPersistentState<CounterState> state)
    : CounterGrainBase(state), IStringCounterGrain;

public sealed class GuidCounterGrain([PersistentState("counter", TestSilo.Storage)] IPersistentState<CounterState> state)
    : CounterGrainBase(state), IGuidCounterGrain;

public sealed class LongCounterGrain([PersistentState("counter", TestSilo.Storage)] IPersistentState<CounterState> state)
    : CounterGrainBase(state), ILongCounterGrain;

public sealed class DeletingCounterGrain([PersistentState("counter", TestSilo.DeletingStorage)] IPersistentState<CounterState> state)
    : CounterGrainBase(state), IDeletingCounterGrain;
