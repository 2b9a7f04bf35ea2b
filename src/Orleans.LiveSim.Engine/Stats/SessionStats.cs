using Orleans.LiveSim.Engine.Wallet;

namespace Orleans.LiveSim.Engine.Stats;

/// <summary>
/// Running statistics of a session. Only the engine changes them, through the methods below as it applies ticks;
/// everyone else reads them, or restores saved ones with an object initializer (<c>init</c>). The derived figures
/// (<see cref="RoiPct"/>, <see cref="SharpeRatio"/>, ...) are computed from the stored sums, rounded, and therefore
/// identical on every platform.
/// </summary>
public sealed class SessionStats
{
    /// <summary>Most recent equity changes kept in <see cref="EquityCurve"/>.</summary>
    public const int EquityCurveLimit = 500;

    /// <summary>Most points kept in <see cref="GameEquityCurve"/>; when full, every second point is dropped and the stride doubles.</summary>
    public const int GameEquityCurveLimit = 500;

    private long _ticksProcessed;
    private long _gamesSeen;
    private long _gamesBet;
    private long _gamesWon;
    private long _gamesLost;
    private long _betsPlaced;
    private long _betsWon;
    private long _betsLost;
    private long _betsVoided;
    private long _betsSkipped;
    private long _feedGaps;
    private decimal _totalWagered;
    private decimal _totalReturned;
    private decimal _netPnl;
    private decimal _grossWins;
    private decimal _grossLosses;
    private decimal _maxDrawdownPct;
    private decimal _maxDrawdownFraction;
    private decimal _maxDrawdownAmount;
    private int _currentWinStreak;
    private int _currentLoseStreak;
    private int _longestWinningStreak;
    private int _longestLosingStreak;
    private long _gamePnlCount;
    private decimal _gamePnlSum;
    private decimal _gamePnlSumSquares;
    private long _dailyLossLimitHits;
    private List<EquityPoint> _equityCurve = [];
    private List<EquityPoint> _gameEquityCurve = [];
    private long _gameEquityStride = 1;
    private decimal _settledWagered;

    public long TicksProcessed { get => _ticksProcessed; init => _ticksProcessed = value; }

    public long GamesSeen { get => _gamesSeen; init => _gamesSeen = value; }

    public long GamesBet { get => _gamesBet; init => _gamesBet = value; }

    /// <summary>Games bet whose bets netted more than 0.</summary>
    public long GamesWon { get => _gamesWon; init => _gamesWon = value; }

    /// <summary>Games bet whose bets netted less than 0.</summary>
    public long GamesLost { get => _gamesLost; init => _gamesLost = value; }

    public long BetsPlaced { get => _betsPlaced; init => _betsPlaced = value; }

    public long BetsWon { get => _betsWon; init => _betsWon = value; }

    public long BetsLost { get => _betsLost; init => _betsLost = value; }

    public long BetsVoided { get => _betsVoided; init => _betsVoided = value; }

    public long BetsSkipped { get => _betsSkipped; init => _betsSkipped = value; }

    public long FeedGaps { get => _feedGaps; init => _feedGaps = value; }

    public decimal TotalWagered { get => _totalWagered; init => _totalWagered = value; }

    public decimal TotalReturned { get => _totalReturned; init => _totalReturned = value; }

    /// <summary>Sum over settled bets of (returned - stake); voided bets add 0.</summary>
    public decimal NetPnl { get => _netPnl; init => _netPnl = value; }

    /// <summary>Sum of the net profit (returned - stake) of won bets.</summary>
    public decimal GrossWins { get => _grossWins; init => _grossWins = value; }

    /// <summary>Sum of the stakes of lost bets.</summary>
    public decimal GrossLosses { get => _grossLosses; init => _grossLosses = value; }

    /// <summary>Largest drawdown from peak equity in percent (4 decimals).</summary>
    public decimal MaxDrawdownPct { get => _maxDrawdownPct; init => _maxDrawdownPct = value; }

    /// <summary>Largest drawdown from peak equity as a fraction (6 decimals).</summary>
    public decimal MaxDrawdownFraction { get => _maxDrawdownFraction; init => _maxDrawdownFraction = value; }

    /// <summary>Largest drawdown from peak equity in money.</summary>
    public decimal MaxDrawdownAmount { get => _maxDrawdownAmount; init => _maxDrawdownAmount = value; }

    public int CurrentWinStreak { get => _currentWinStreak; init => _currentWinStreak = value; }

    public int CurrentLoseStreak { get => _currentLoseStreak; init => _currentLoseStreak = value; }

    public int LongestWinningStreak { get => _longestWinningStreak; init => _longestWinningStreak = value; }

    public int LongestLosingStreak { get => _longestLosingStreak; init => _longestLosingStreak = value; }

    /// <summary>Games whose per-game P&amp;L is recorded (games bet that have ended).</summary>
    public long GamePnlCount { get => _gamePnlCount; init => _gamePnlCount = value; }

    /// <summary>Sum of per-game net P&amp;L.</summary>
    public decimal GamePnlSum { get => _gamePnlSum; init => _gamePnlSum = value; }

    /// <summary>Sum of squared per-game net P&amp;L.</summary>
    public decimal GamePnlSumSquares { get => _gamePnlSumSquares; init => _gamePnlSumSquares = value; }

    /// <summary>Times the daily loss limit stopped betting for the rest of a day.</summary>
    public long DailyLossLimitHits { get => _dailyLossLimitHits; init => _dailyLossLimitHits = value; }

    /// <summary>The last <see cref="EquityCurveLimit"/> equity changes (one per settlement), oldest first.</summary>
    public IReadOnlyList<EquityPoint> EquityCurve { get => _equityCurve; init => _equityCurve = [.. value]; }

    /// <summary>Equity at the end of every <see cref="GameEquityStride"/>-th game bet, over the whole session, oldest first.</summary>
    public IReadOnlyList<EquityPoint> GameEquityCurve { get => _gameEquityCurve; init => _gameEquityCurve = [.. value]; }

    /// <summary>Every how many recorded games a point is added to <see cref="GameEquityCurve"/> (1, 2, 4, ...).</summary>
    public long GameEquityStride { get => _gameEquityStride; init => _gameEquityStride = value; }

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
    public decimal SettledWagered { get => _settledWagered; init => _settledWagered = value; }

    internal void CountTick() => _ticksProcessed++;

    internal void CountGap() => _feedGaps++;

    internal void CountGame() => _gamesSeen++;

    internal void CountSkip() => _betsSkipped++;

    internal void CountDailyLimitHit() => _dailyLossLimitHits++;

    internal void CountBet(decimal stake, bool firstOfGame)
    {
        _betsPlaced++;
        _totalWagered += stake;
        if (firstOfGame)
        {
            _gamesBet++;
        }
    }

    /// <summary>A bet settled with <paramref name="outcome"/>; <paramref name="equity"/> is the wallet's equity after it.</summary>
    internal void RecordSettlement(BetOutcome outcome, decimal stake, decimal returned, long seq, decimal equity)
    {
        switch (outcome)
        {
            case BetOutcome.Won:
                _betsWon++;
                _currentWinStreak++;
                _currentLoseStreak = 0;
                _longestWinningStreak = Math.Max(_longestWinningStreak, _currentWinStreak);
                break;
            case BetOutcome.Lost:
                _betsLost++;
                _currentLoseStreak++;
                _currentWinStreak = 0;
                _longestLosingStreak = Math.Max(_longestLosingStreak, _currentLoseStreak);
                break;
            default:
                _betsVoided++;
                return;
        }

        _settledWagered += stake;
        _totalReturned += returned;
        _netPnl += returned - stake;
        if (outcome == BetOutcome.Won)
        {
            _grossWins += returned - stake;
        }
        else
        {
            _grossLosses += stake;
        }

        _equityCurve.Add(new EquityPoint { Seq = seq, Equity = equity });
        if (_equityCurve.Count > EquityCurveLimit)
        {
            _equityCurve.RemoveRange(0, _equityCurve.Count - EquityCurveLimit);
        }
    }

    /// <summary>Keeps the largest drawdown seen, in money, percent (4 decimals) and fraction (6 decimals).</summary>
    internal void RecordDrawdown(decimal amount, decimal fraction)
    {
        if (amount > _maxDrawdownAmount)
        {
            _maxDrawdownAmount = amount;
        }

        var pct = Math.Round(fraction * 100m, 4);
        if (pct > _maxDrawdownPct)
        {
            _maxDrawdownPct = pct;
        }

        fraction = Math.Round(fraction, 6);
        if (fraction > _maxDrawdownFraction)
        {
            _maxDrawdownFraction = fraction;
        }
    }

    /// <summary>A game that was bet has ended with <paramref name="pnl"/>; <paramref name="equity"/> is the equity then.</summary>
    internal void RecordGame(decimal pnl, long seq, decimal equity)
    {
        _gamePnlCount++;
        _gamePnlSum += pnl;
        _gamePnlSumSquares += pnl * pnl;
        if (pnl > 0m)
        {
            _gamesWon++;
        }
        else if (pnl < 0m)
        {
            _gamesLost++;
        }

        if (_gamePnlCount % _gameEquityStride != 0)
        {
            return;
        }

        _gameEquityCurve.Add(new EquityPoint { Seq = seq, Equity = equity });
        if (_gameEquityCurve.Count > GameEquityCurveLimit)
        {
            // Keep the whole session's shape in bounded space: keep every second point and sample half as often.
            var kept = new List<EquityPoint>(_gameEquityCurve.Count / 2);
            for (var i = 1; i < _gameEquityCurve.Count; i += 2)
            {
                kept.Add(_gameEquityCurve[i]);
            }

            _gameEquityCurve = kept;
            _gameEquityStride *= 2;
        }
    }
}
