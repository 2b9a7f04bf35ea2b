using Orleans.LiveSim.Engine.Stats;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Engine.Wallet;

namespace Orleans.LiveSim.Engine.Sessions;

/// <summary>
/// The whole mutable state of a session: everything needed to continue from <see cref="LastSeq"/>.
/// Plain properties so that it serializes as stable JSON for storage.
/// </summary>
public sealed class SessionState
{
    public SessionStatus Status { get; set; } = SessionStatus.Running;
    public string? EndReason { get; set; }
    public decimal StartingBalance { get; set; }
    public decimal Balance { get; set; }
    public decimal InBets { get; set; }
    public decimal PeakEquity { get; set; }
    public List<Sidebet> ActiveBets { get; set; } = [];
    public long NextBetId { get; set; } = 1;

    /// <summary>Round of the last applied entry.</summary>
    public string? GameId { get; set; }

    /// <summary>Whether the current round's end has been applied.</summary>
    public bool GameEnded { get; set; }

    /// <summary>k of the next scheduled bet in the current round.</summary>
    public int ScheduleIndex { get; set; }

    /// <summary>Bets placed in the current round.</summary>
    public int BetsThisGame { get; set; }

    /// <summary>Seq of the last applied feed entry (0 before the first).</summary>
    public long LastSeq { get; set; }

    /// <summary>Net P&amp;L of the current round's settled bets (for per-game stats).</summary>
    public decimal GamePnl { get; set; }

    /// <summary>Whether the current round had a bet whose game result is not yet recorded in the stats.</summary>
    public bool GameOpenForStats { get; set; }

    /// <summary>Rug ticks of the most recent rounds seen to their end (oldest first, at most <see cref="RugHistoryLimit"/>).</summary>
    public List<int> RecentRugTicks { get; set; } = [];

    /// <summary>UTC date (<c>yyyy-MM-dd</c>) of the last applied tick's <c>ReceivedAt</c>; null before the first.</summary>
    public DateOnly? Day { get; set; }

    /// <summary>Equity when <see cref="Day"/> began.</summary>
    public decimal DayStartEquity { get; set; }

    /// <summary>The daily loss limit was reached: no new bets until the UTC date changes.</summary>
    public bool DailyLimitHit { get; set; }

    public FeedTick? LastTick { get; set; }
    public SessionStats Stats { get; set; } = new();

    /// <summary>Running FNV-1a hash of every applied entry and every event.</summary>
    public ulong Hash { get; set; } = StateHasher.Seed;

    public decimal Equity => Balance + InBets;

    /// <summary>How many recent rug ticks are kept for confidence estimates.</summary>
    public const int RugHistoryLimit = 1000;
}
