namespace Orleans.LiveSim.Store.Tests.Grains;

/// <summary>Same as <see cref="IStringCounterGrain"/> but stored where DeleteStateOnClear is true.</summary>
[Alias("Store.Tests.IDeletingCounterGrain")]
public interface IDeletingCounterGrain : ICounterGrain, IGrainWithStringKey;
