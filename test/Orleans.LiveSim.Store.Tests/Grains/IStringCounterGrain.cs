namespace Orleans.LiveSim.Store.Tests.Grains;

/// <summary>A counter grain with a string key.</summary>
[Alias("Store.Tests.IStringCounterGrain")]
public interface IStringCounterGrain : ICounterGrain, IGrainWithStringKey;
