namespace Orleans.LiveSim.Engine.Wallet;

/// <summary>How a sidebet ended.</summary>
public enum BetOutcome
{
    /// <summary>The round rugged inside the window: the wallet got <c>stake * payout</c>.</summary>
    Won = 0,

    /// <summary>The window passed without a rug, or the rug came later: the stake is gone.</summary>
    Lost = 1,

    /// <summary>The outcome could not be known (the round's end was never seen): the stake was returned.</summary>
    Voided = 2,
}
