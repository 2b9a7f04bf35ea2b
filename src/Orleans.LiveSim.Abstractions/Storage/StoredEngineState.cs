using System.Globalization;
using System.Text.Json.Serialization;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Serialization;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Abstractions.Storage;

/// <summary>
/// The engine's <see cref="SessionState"/> as a session stores it. Its parts are the session view's records (bets,
/// ticks, stats), so a stored session reads like its view; <see cref="Hash"/> is the running hash in 16 hex digits.
/// </summary>
public sealed record StoredEngineState(
    [property: JsonConverter(typeof(CamelCaseEnumConverter<SessionStatus>))] SessionStatus Status,
    string? EndReason,
    decimal StartingBalance,
    decimal Balance,
    decimal InBets,
    decimal PeakEquity,
    IReadOnlyList<BetView> ActiveBets,
    long NextBetId,
    string? GameId,
    bool GameEnded,
    int ScheduleIndex,
    int BetsThisGame,
    long LastSeq,
    decimal GamePnl,
    bool GameOpenForStats,
    IReadOnlyList<int> RecentRugTicks,
    DateOnly? Day,
    decimal DayStartEquity,
    bool DailyLimitHit,
    TickView? LastTick,
    StatsView Stats,
    string Hash,
    bool Paused = false,
    StoredPendingBet? PendingBet = null,
    decimal PeakBalance = 0m)
{
    public static StoredEngineState From(SessionState s) => new(
        s.Status,
        s.EndReason,
        s.StartingBalance,
        s.Balance,
        s.InBets,
        s.PeakEquity,
        [.. s.ActiveBets.Select(BetView.From)],
        s.NextBetId,
        s.GameId,
        s.GameEnded,
        s.ScheduleIndex,
        s.BetsThisGame,
        s.LastSeq,
        s.GamePnl,
        s.GameOpenForStats,
        [.. s.RecentRugTicks],
        s.Day,
        s.DayStartEquity,
        s.DailyLimitHit,
        s.LastTick is { } last ? TickView.From(last) : null,
        StatsView.From(s.Stats),
        StateHasher.ToHex(s.Hash),
        s.Paused,
        s.PendingBet is { } pending ? StoredPendingBet.From(pending) : null,
        s.PeakBalance);

    /// <summary>The engine state this record stores, ready to go on from <see cref="LastSeq"/>.</summary>
    public SessionState ToState() => new()
    {
        Status = Status,
        EndReason = EndReason,
        StartingBalance = StartingBalance,
        Balance = Balance,
        InBets = InBets,
        PeakEquity = PeakEquity,
        ActiveBets = [.. ActiveBets.Select(b => b.ToSidebet())],
        NextBetId = NextBetId,
        GameId = GameId,
        GameEnded = GameEnded,
        ScheduleIndex = ScheduleIndex,
        BetsThisGame = BetsThisGame,
        LastSeq = LastSeq,
        GamePnl = GamePnl,
        GameOpenForStats = GameOpenForStats,
        RecentRugTicks = RecentRugTicks,
        Day = Day,
        DayStartEquity = DayStartEquity,
        DailyLimitHit = DailyLimitHit,
        LastTick = LastTick?.ToFeedTick(),
        Stats = Stats.ToSessionStats(),
        Hash = ulong.Parse(Hash, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
        Paused = Paused,
        PendingBet = PendingBet?.ToPendingBet(),
        PeakBalance = PeakBalance,
    };
}
