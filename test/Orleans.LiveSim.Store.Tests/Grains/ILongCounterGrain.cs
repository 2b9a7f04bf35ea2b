namespace Orleans.LiveSim.Store.Tests.Grains;

/// <summary>A counter grain with an integer key.</summary>
[Alias("Store.Tests.ILongCounterGrain")]
public interface ILongCounterGrain : ICounterGrain, IGrainWithIntegerKey;
