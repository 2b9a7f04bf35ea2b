namespace Orleans.LiveSim.Engine.Strategies;

/// <summary>How a strategy sizes each bet before the rules clamp and quantize it.</summary>
public enum SizingMode
{
    /// <summary>The configured <c>betSizes[k]</c> for the k-th bet of a round.</summary>
    Fixed = 0,
}
