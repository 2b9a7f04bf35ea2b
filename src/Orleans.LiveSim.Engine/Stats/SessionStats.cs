namespace Orleans.LiveSim.Engine.Stats;

/// <summary>
/// Running statistics of a session, updated by the engine as ticks are applied. Plain get/set properties so it
/// serializes as JSON; the derived figures (<see cref="RoiPct"/>, <see cref="SharpeRatio"/>, ...) are computed
/// from the stored sums, rounded, and therefore identical on every platform.
/// </summary>
public sealed class SessionStats
{
    /// <summary>Most recent equity changes kept in <see cref="EquityCurve"/>.</summary>
    public const int EquityCurveLimit = 500;

    /// <summary>Most points kept in <see cref="GameEquityCurve"/>; when full, every second point is dropped and the stride doubles.</summary>
    public const int GameEquityCurveLimit = 500;

    public long TicksProcessed { get; set; }
    public long GamesSeen { get; set; }
    public long GamesBet { get; set; }

    /// <summary>Games bet whose bets netted more than 0.</summary>
    public long GamesWon { get; set; }

    /// <summary>Games bet whose bets netted less than 0.</summary>
    public long GamesLost { get; set; }

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

    /// <summary>Sum of the net profit (returned - stake) of won bets.</summary>
    public decimal GrossWins { get; set; }

    /// <summary>Sum of the stakes of lost bets.</summary>
    public decimal GrossLosses { get; set; }

    /// <summary>Largest drawdown from peak equity in percent (4 decimals).</summary>
    public decimal MaxDrawdownPct { get; set; }

    /// <summary>Largest drawdown from peak equity as a fraction (6 decimals).</summary>
    public decimal MaxDrawdownFraction { get; set; }

    /// <summary>Largest drawdown from peak equity in money.</summary>
    public decimal MaxDrawdownAmount { get; set; }

    public int CurrentWinStreak { get; set; }
    public int CurrentLoseStreak { get; set; }
    public int LongestWinningStreak { get; set; }
    public int LongestLosingStreak { get; set; }

    /// <summary>Games whose per-game P&amp;L is recorded (games bet that have ended).</summary>
    public long GamePnlCount { get; set; }

    /// <summary>Sum of per-game net P&amp;L.</summary>
    public decimal GamePnlSum { get; set; }

    /// <summary>Sum of squared per-game net P&amp;L.</summary>
    public decimal GamePnlSumSquares { get; set; }

    /// <summary>Times the daily loss limit stopped betting for the rest of a day.</summary>
    public long DailyLossLimitHits { get; set; }

    /// <summary>The last <see cref="EquityCurveLimit"/> equity changes (one per settlement), oldest first.</summary>
    public List<EquityPoint> EquityCurve { get; set; } = [];

    /// <summary>Equity at the end of every <see cref="GameEquityStride"/>-th game bet, over the whole session, oldest first.</summary>
    public List<EquityPoint> GameEquityCurve { get; set; } = [];

    /// <summary>Every how many recorded games a point is added to <see cref="GameEquityCurve"/> (1, 2, 4, ...).</summary>
    public long GameEquityStride { get; set; } = 1;

    /// <summary>Net P&amp;L over stakes settled (won + lost), in percent.</summary>
    public decimal RoiPct => SettledWagered == 0m ? 0m : Math.Round(NetPnl / SettledWagered * 100m, 4);

    /// <summary>Bets won over bets decided (won + lost), in percent.</summary>
    public decimal WinRatePct => BetsWon + BetsLost == 0 ? 0m : Math.Round(BetsWon * 100m / (BetsWon + BetsLost), 4);

    /// <summary>Games won over games decided (won + lost; a game that netted exactly 0 is neither), in percent.</summary>
    public decimal GameWinRatePct => GamesWon + GamesLost == 0 ? 0m : Math.Round(GamesWon * 100m / (GamesWon + GamesLost), 4);

    /// <summary>Gross wins over gross losses (4 decimals); null while nothing was lost.</summary>
    public decimal? ProfitFactor => GrossLosses == 0m ? null : Math.Round(GrossWins / GrossLosses, 4);

    /// <summary>
    /// Sharpe ratio of per-game net P&amp;L: mean over the population standard deviation (not annualized, no risk-free
    /// rate), 6 decimals. Null with fewer than 2 games or no variation. Sums are exact decimals; only the square root
    /// is a double, which IEEE 754 rounds identically everywhere.
    /// </summary>
    public decimal? SharpeRatio
    {
        get
        {
            if (GamePnlCount < 2)
            {
                return null;
            }

            var mean = GamePnlSum / GamePnlCount;
            var variance = (GamePnlSumSquares / GamePnlCount) - (mean * mean);
            if (variance <= 0m)
            {
                return null;
            }

            var sd = (decimal)Math.Sqrt((double)variance);
            return sd == 0m ? null : Math.Round(mean / sd, 6);
        }
    }

    /// <summary>Stakes of bets that were won or lost (voided stakes came back).</summary>
    public decimal SettledWagered { get; set; }
}
