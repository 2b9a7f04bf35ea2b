namespace Orleans.LiveSim.Store.Tests.Grains;

/// <summary>A grain with one ADO.NET-persisted state; the key kind comes from the derived interfaces.</summary>
[Alias("Store.Tests.ICounterGrain")]
public interface ICounterGrain : IGrain
{
    [Alias("Get")]
    Task<CounterSnapshot> GetAsync();

    [Alias("Set")]
    Task<CounterSnapshot> SetAsync(int value, string label);

    [Alias("Clear")]
    Task<CounterSnapshot> ClearAsync();

    [Alias("Reload")]
    Task<CounterSnapshot> ReloadAsync();

    /// <summary>Identifies this activation, so a test can tell that a deactivation really happened.</summary>
    [Alias("ActivationId")]
    Task<Guid> GetActivationIdAsync();

    [Alias("Deactivate")]
    Task DeactivateAsync();
}

[Alias("Store.Tests.IStringCounterGrain")]
public interface IStringCounterGrain : ICounterGrain, IGrainWithStringKey;

[Alias("Store.Tests.IGuidCounterGrain")]
public interface IGuidCounterGrain : ICounterGrain, IGrainWithGuidCompoundKey;

[Alias("Store.Tests.ILongCounterGrain")]
public interface ILongCounterGrain : ICounterGrain, IGrainWithIntegerKey;

/// <summary>Same as <see cref="IStringCounterGrain"/> but stored where DeleteStateOnClear is true.</summary>
[Alias("Store.Tests.IDeletingCounterGrain")]
public interface IDeletingCounterGrain : ICounterGrain, IGrainWithStringKey;
