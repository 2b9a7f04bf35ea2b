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
