using Orleans.LiveSim.Engine.Stats;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Engine.Wallet;

namespace Orleans.LiveSim.Engine.Sessions;

/// <summary>
/// The whole state of a session: the paper wallet, the round in progress, the trading day and the stats — everything
/// needed to continue from <see cref="LastSeq"/>. Only the engine changes it, through the methods below; everyone else
/// reads it, or restores a saved one with an object initializer (<c>init</c>).
/// </summary>
public sealed class SessionState
{
    /// <summary>How many recent rug ticks are kept for confidence estimates.</summary>
    public const int RugHistoryLimit = 1000;

    private SessionStatus _status = SessionStatus.Running;
    private string? _endReason;
    private decimal _balance;
    private decimal _inBets;
    private decimal _peakEquity;
    private List<Sidebet> _activeBets = [];
    private long _nextBetId = 1;
    private string? _gameId;
    private bool _gameEnded;
    private int _scheduleIndex;
    private int _betsThisGame;
    private long _lastSeq;
    private decimal _gamePnl;
    private bool _gameOpenForStats;
    private List<int> _recentRugTicks = [];
    private DateOnly? _day;
    private decimal _dayStartEquity;
    private bool _dailyLimitHit;
    // The last applied tick as its fields, not as a reference to the tick: every tick is a new object, and writing it into
    // each of 100,000 long-lived states marked as many GC cards per tick, which every gen0 collection then had to scan
    // (docs/adr/0001). Numbers are copied; the two strings are written only when they change (once a round). An applied
    // tick's seq is at least 1, so a seq of 0 means none yet.
    private string _lastTickFeedId = "";
    private long _lastTickSeq;
    private string _lastTickGameId = "";
    private int _lastTickTick;
    private decimal _lastTickPrice;
    private GamePhase _lastTickPhase;
    private bool _lastTickActive;
    private bool _lastTickRugged;
    private DateTimeOffset _lastTickReceivedAt;
    private ulong _hash = StateHasher.Seed;
    private long _walletVersion;
    private bool _paused;
    private PendingBet? _pendingBet;
    private decimal _peakBalance;

    public SessionStatus Status { get => _status; init => _status = value; }

    /// <summary>Why the session ended (e.g. <c>stopped_by_user</c>, <c>max_drawdown</c>); null while running.</summary>
    public string? EndReason { get => _endReason; init => _endReason = value; }

    public decimal StartingBalance { get; init; }

    /// <summary>Free paper money.</summary>
    public decimal Balance { get => _balance; init => _balance = value; }

    /// <summary>Stakes of the open bets.</summary>
    public decimal InBets { get => _inBets; init => _inBets = value; }

    /// <summary>Highest equity so far.</summary>
    public decimal PeakEquity { get => _peakEquity; init => _peakEquity = value; }

    /// <summary>Open bets, oldest first.</summary>
    public IReadOnlyList<Sidebet> ActiveBets { get => _activeBets; init => _activeBets = [.. value]; }

    /// <summary>Id of the next bet placed.</summary>
    public long NextBetId { get => _nextBetId; init => _nextBetId = value; }

    /// <summary>Round of the last applied entry.</summary>
    public string? GameId { get => _gameId; init => _gameId = value; }

    /// <summary>Whether the current round's end has been applied.</summary>
    public bool GameEnded { get => _gameEnded; init => _gameEnded = value; }

    /// <summary>k of the next scheduled bet in the current round.</summary>
    public int ScheduleIndex { get => _scheduleIndex; init => _scheduleIndex = value; }

    /// <summary>Bets placed in the current round.</summary>
    public int BetsThisGame { get => _betsThisGame; init => _betsThisGame = value; }

    /// <summary>Seq of the last applied feed entry (0 before the first).</summary>
    public long LastSeq { get => _lastSeq; init => _lastSeq = value; }

    /// <summary>Net P&amp;L of the current round's settled bets (for per-game stats).</summary>
    public decimal GamePnl { get => _gamePnl; init => _gamePnl = value; }

    /// <summary>Whether the current round had a bet whose game result is not yet recorded in the stats.</summary>
    public bool GameOpenForStats { get => _gameOpenForStats; init => _gameOpenForStats = value; }

    /// <summary>Rug ticks of the most recent rounds seen to their end (oldest first, at most <see cref="RugHistoryLimit"/>).</summary>
    public IReadOnlyList<int> RecentRugTicks { get => _recentRugTicks; init => _recentRugTicks = [.. value]; }

    /// <summary>UTC date (<c>yyyy-MM-dd</c>) of the last applied tick's <c>ReceivedAt</c>; null before the first.</summary>
    public DateOnly? Day { get => _day; init => _day = value; }

    /// <summary>Equity when <see cref="Day"/> began.</summary>
    public decimal DayStartEquity { get => _dayStartEquity; init => _dayStartEquity = value; }

    /// <summary>The daily loss limit was reached: no new bets until the UTC date changes.</summary>
    public bool DailyLimitHit { get => _dailyLimitHit; init => _dailyLimitHit = value; }

    /// <summary>The last applied tick (gap markers excluded); a new object on each read.</summary>
    public FeedTick? LastTick
    {
        get => _lastTickSeq > 0
            ? new FeedTick(_lastTickFeedId, _lastTickSeq, _lastTickGameId, _lastTickTick, _lastTickPrice, _lastTickPhase, _lastTickActive, _lastTickRugged, _lastTickReceivedAt)
            : null;
        init
        {
            if (value is not null)
            {
                KeepLastTick(value);
            }
        }
    }

    /// <summary>When the last applied tick was received (gap markers excluded); null before the first.</summary>
    public DateTimeOffset? LastTickReceivedAt => _lastTickSeq > 0 ? _lastTickReceivedAt : null;

    public SessionStats Stats { get; init; } = new();

    /// <summary>Running hash (<see cref="StateHasher"/>) of every applied entry and every event.</summary>
    public ulong Hash { get => _hash; init => _hash = value; }

    /// <summary>Paused by its owner: no new bet is placed (open bets still settle, ticks are still applied).</summary>
    public bool Paused { get => _paused; init => _paused = value; }

    /// <summary>A decided bet waiting for its placement latency to pass; it takes a bet's place until then.</summary>
    public PendingBet? PendingBet { get => _pendingBet; init => _pendingBet = value; }

    /// <summary>Highest free balance seen when a round rugged (the legacy sizing's peak); starts at the starting balance.</summary>
    public decimal PeakBalance { get => _peakBalance; init => _peakBalance = value; }

    public decimal Equity => Balance + InBets;

    /// <summary>
    /// Changes whenever something the risk controls read changes (balance, bets, peak, day, limit, status), so the engine
    /// checks them only then instead of on every tick. Not stored: a restored state starts at 0 and is checked once.
    /// </summary>
    internal long WalletVersion => _walletVersion;

    /// <summary>The open bets, for the engine's loops (no interface calls on the hot path).</summary>
    internal List<Sidebet> OpenBets => _activeBets;

    internal void Advance(long seq) => _lastSeq = seq;

    internal void Rehash(ulong hash) => _hash = hash;

    internal void ApplyTick(FeedTick tick)
    {
        Stats.CountTick();
        KeepLastTick(tick);
    }

    private void KeepLastTick(FeedTick tick)
    {
        _lastTickSeq = tick.Seq;
        _lastTickTick = tick.Tick;
        _lastTickPrice = tick.Price;
        _lastTickPhase = tick.Phase;
        _lastTickActive = tick.Active;
        _lastTickRugged = tick.Rugged;
        _lastTickReceivedAt = tick.ReceivedAt;
        if (!ReferenceEquals(_lastTickFeedId, tick.FeedId))
        {
            _lastTickFeedId = tick.FeedId;
        }

        if (!ReferenceEquals(_lastTickGameId, tick.GameId))
        {
            _lastTickGameId = tick.GameId;
        }
    }

    internal void BeginRound(string gameId)
    {
        _gameId = gameId;
        _gameEnded = false;
        _scheduleIndex = 0;
        _betsThisGame = 0;
        _gamePnl = 0m;
        _gameOpenForStats = false;
        Stats.CountGame();
    }

    internal void EndRound() => _gameEnded = true;

    /// <summary>Bet <paramref name="scheduleIndex"/> was decided (placed or skipped): the next one is due.</summary>
    internal void Scheduled(int scheduleIndex) => _scheduleIndex = scheduleIndex + 1;

    /// <summary>Places a bet on <paramref name="tick"/>; its stake leaves the balance.</summary>
    internal Sidebet PlaceBet(FeedTick tick, int window, decimal stake, int scheduleIndex)
    {
        var bet = new Sidebet(_nextBetId++, tick.GameId, tick.Tick, tick.Tick + window, stake, tick.Price, tick.Seq, scheduleIndex);
        _balance -= stake;
        _inBets += stake;
        _walletVersion++;
        _activeBets.Add(bet);
        Stats.CountBet(stake, firstOfGame: _betsThisGame++ == 0);
        _gameOpenForStats = true;
        return bet;
    }

    /// <summary>
    /// Settles an open bet (the caller removes it from <see cref="ActiveBets"/>): <paramref name="returned"/> goes back
    /// to the balance, the stats and the drawdown follow.
    /// </summary>
    internal void Settle(Sidebet bet, BetOutcome outcome, decimal returned, long seq)
    {
        _inBets -= bet.Stake;
        _balance += returned;
        _walletVersion++;
        if (outcome != BetOutcome.Voided)
        {
            _gamePnl += returned - bet.Stake;
        }

        Stats.RecordSettlement(outcome, bet.Stake, returned, seq, Equity);
        var equity = Equity;
        if (equity > _peakEquity)
        {
            _peakEquity = equity;
        }

        var drawdown = _peakEquity - equity;
        Stats.RecordDrawdown(drawdown, _peakEquity == 0m ? 0m : drawdown / _peakEquity);
    }

    internal void RemoveBetAt(int index) => _activeBets.RemoveAt(index);

    internal void SetPaused(bool paused) => _paused = paused;

    internal void SetPending(PendingBet? pending) => _pendingBet = pending;

    /// <summary>A round rugged and its bets were settled: the legacy peak follows the free balance up.</summary>
    internal void TrackPeakBalance()
    {
        if (_balance > _peakBalance)
        {
            _peakBalance = _balance;
        }
    }

    internal void ClearBets() => _activeBets.Clear();

    internal void RecordRugTick(int rugTick)
    {
        _recentRugTicks.Add(rugTick);
        if (_recentRugTicks.Count > RugHistoryLimit)
        {
            _recentRugTicks.RemoveRange(0, _recentRugTicks.Count - RugHistoryLimit);
        }
    }

    /// <summary>Records the current round's result in the stats once, if it had a bet.</summary>
    internal void CloseRoundStats(long seq)
    {
        if (!_gameOpenForStats)
        {
            return;
        }

        var pnl = _gamePnl;
        _gameOpenForStats = false;
        _gamePnl = 0m;
        Stats.RecordGame(pnl, seq, Equity);
    }

    /// <summary>The first tick of a new UTC day: its loss is measured from the equity now.</summary>
    internal void BeginDay(DateOnly day)
    {
        _day = day;
        _dayStartEquity = Equity;
        _dailyLimitHit = false;
        _walletVersion++;
    }

    internal void HitDailyLimit()
    {
        _dailyLimitHit = true;
        _walletVersion++;
        Stats.CountDailyLimitHit();
    }

    internal void End(SessionStatus status, string reason)
    {
        _status = status;
        _endReason = reason;
        _walletVersion++;
    }
}
