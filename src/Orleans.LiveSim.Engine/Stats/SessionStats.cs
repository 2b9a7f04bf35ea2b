namespace Orleans.LiveSim.Engine.Stats;

/// <summary>Running statistics of a session, updated by the engine as ticks are applied.</summary>
public sealed class SessionStats
{
    public long TicksProcessed { get; set; }
    public long GamesSeen { get; set; }
    public long GamesBet { get; set; }
    public long BetsPlaced { get; set; }
    public long BetsWon { get; set; }
    public long BetsLost { get; set; }
    public long BetsVoided { get; set; }
    public long BetsSkipped { get; set; }
    public long FeedGaps { get; set; }
    public decimal TotalWagered { get; set; }
    public decimal TotalReturned { get; set; }

    /// <summary>Sum over settled bets of (returned - stake); voided bets add 0.</summary>
    public decimal NetPnl { get; set; }
    public decimal MaxDrawdownPct { get; set; }
    public decimal MaxDrawdownAmount { get; set; }
    public int CurrentWinStreak { get; set; }
    public int CurrentLoseStreak { get; set; }
    public int LongestWinningStreak { get; set; }
    public int LongestLosingStreak { get; set; }

    /// <summary>Net P&amp;L over stakes settled (won + lost), in percent.</summary>
    public decimal RoiPct => SettledWagered == 0m ? 0m : Math.Round(NetPnl / SettledWagered * 100m, 4);

    /// <summary>Bets won over bets decided (won + lost), in percent.</summary>
    public decimal WinRatePct => BetsWon + BetsLost == 0 ? 0m : Math.Round(BetsWon * 100m / (BetsWon + BetsLost), 4);

    /// <summary>Stakes of bets that were won or lost (voided stakes came back).</summary>
    public decimal SettledWagered { get; set; }

    public SessionStats Clone() => (SessionStats)MemberwiseClone();
}
