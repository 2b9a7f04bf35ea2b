namespace Orleans.LiveSim.Store.Tests.Grains;

/// <summary>A counter grain with a Guid key plus a key extension.</summary>
[Alias("Store.Tests.IGuidCounterGrain")]
public interface IGuidCounterGrain : ICounterGrain, IGrainWithGuidCompoundKey;
