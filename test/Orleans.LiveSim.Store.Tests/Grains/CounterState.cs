namespace Orleans.LiveSim.Store.Tests.Grains;

/// <summary>Persistent state of the test counter grains.</summary>
[GenerateSerializer, Alias("Store.Tests.CounterState")]
public sealed class CounterState
{
    [Id(0)]
    public int Value { get; set; }

    [Id(1)]
    public string Label { get; set; } = "";
}
