namespace Orleans.LiveSim.Engine.Ticks;

/// <summary>What a journal entry of a feed stands for.</summary>
public enum FeedTickKind
{
    /// <summary>A tick as the provider sent it (or repaired from <c>partialPrices</c>).</summary>
    Tick = 0,

    /// <summary>An explicit marker: ticks <c>Tick .. Tick + GapTicks - 1</c> of the round were never received.</summary>
    Gap = 1,
}
