namespace Orleans.LiveSim.Engine.Strategies;

/// <summary>Sizing settings of a strategy.</summary>
public sealed record SizingParameters
{
    /// <summary>Sizing mode. Default <see cref="SizingMode.Fixed"/>.</summary>
    public SizingMode Mode { get; init; } = SizingMode.Fixed;
}
