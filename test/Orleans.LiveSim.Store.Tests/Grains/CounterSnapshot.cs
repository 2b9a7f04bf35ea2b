namespace Orleans.LiveSim.Store.Tests.Grains;

/// <summary>What a counter grain sees of its persistent state.</summary>
[GenerateSerializer, Immutable, Alias("Store.Tests.CounterSnapshot")]
public sealed record CounterSnapshot(
    [property: Id(0)] int Value,
    [property: Id(1)] string Label,
    [property: Id(2)] string? ETag,
    [property: Id(3)] bool RecordExists);
