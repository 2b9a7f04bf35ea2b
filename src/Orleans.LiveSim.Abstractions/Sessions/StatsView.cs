using Orleans.LiveSim.Engine.Stats;

namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>
/// A session's statistics as its view shows them (<c>stats</c>) and as it stores them: the engine's running sums, and
/// the figures derived from them. See <see cref="SessionStats"/> for what each one counts.
/// </summary>
[GenerateSerializer]
[Alias("livesim.StatsView")]
public sealed record StatsView(
    [property: Id(0)] long TicksProcessed,
    [property: Id(1)] long GamesSeen,
    [property: Id(2)] long GamesBet,
    [property: Id(3)] long GamesWon,
    [property: Id(4)] long GamesLost,
    [property: Id(5)] long BetsPlaced,
    [property: Id(6)] long BetsWon,
    [property: Id(7)] long BetsLost,
    [property: Id(8)] long BetsVoided,
    [property: Id(9)] long BetsSkipped,
    [property: Id(10)] long FeedGaps,
    [property: Id(11)] decimal TotalWagered,
    [property: Id(12)] decimal TotalReturned,
    [property: Id(13)] decimal NetPnl,
    [property: Id(14)] decimal GrossWins,
    [property: Id(15)] decimal GrossLosses,
    [property: Id(16)] decimal MaxDrawdownPct,
    [property: Id(17)] decimal MaxDrawdownFraction,
    [property: Id(18)] decimal MaxDrawdownAmount,
    [property: Id(19)] int CurrentWinStreak,
    [property: Id(20)] int CurrentLoseStreak,
    [property: Id(21)] int LongestWinningStreak,
    [property: Id(22)] int LongestLosingStreak,
    [property: Id(23)] long GamePnlCount,
    [property: Id(24)] decimal GamePnlSum,
    [property: Id(25)] decimal GamePnlSumSquares,
    [property: Id(26)] long DailyLossLimitHits,
    [property: Id(27)] IReadOnlyList<EquityPointView> EquityCurve,
    [property: Id(28)] IReadOnlyList<EquityPointView> GameEquityCurve,
    [property: Id(29)] long GameEquityStride,
    [property: Id(30)] decimal RoiPct,
    [property: Id(31)] decimal WinRatePct,
    [property: Id(32)] decimal GameWinRatePct,
    [property: Id(33)] decimal? ProfitFactor,
    [property: Id(34)] decimal? SharpeRatio,
    [property: Id(35)] decimal SettledWagered)
{
    public static StatsView From(SessionStats s) => new(
        s.TicksProcessed,
        s.GamesSeen,
        s.GamesBet,
        s.GamesWon,
        s.GamesLost,
        s.BetsPlaced,
        s.BetsWon,
        s.BetsLost,
        s.BetsVoided,
        s.BetsSkipped,
        s.FeedGaps,
        s.TotalWagered,
        s.TotalReturned,
        s.NetPnl,
        s.GrossWins,
        s.GrossLosses,
        s.MaxDrawdownPct,
        s.MaxDrawdownFraction,
        s.MaxDrawdownAmount,
        s.CurrentWinStreak,
        s.CurrentLoseStreak,
        s.LongestWinningStreak,
        s.LongestLosingStreak,
        s.GamePnlCount,
        s.GamePnlSum,
        s.GamePnlSumSquares,
        s.DailyLossLimitHits,
        EquityPointView.From(s.EquityCurve),
        EquityPointView.From(s.GameEquityCurve),
        s.GameEquityStride,
        s.RoiPct,
        s.WinRatePct,
        s.GameWinRatePct,
        s.ProfitFactor,
        s.SharpeRatio,
        s.SettledWagered);

    /// <summary>The engine's stats these figures came from (a stored session's, restored); the derived figures follow from the sums.</summary>
    public SessionStats ToSessionStats() => new()
    {
        TicksProcessed = TicksProcessed,
        GamesSeen = GamesSeen,
        GamesBet = GamesBet,
        GamesWon = GamesWon,
        GamesLost = GamesLost,
        BetsPlaced = BetsPlaced,
        BetsWon = BetsWon,
        BetsLost = BetsLost,
        BetsVoided = BetsVoided,
        BetsSkipped = BetsSkipped,
        FeedGaps = FeedGaps,
        TotalWagered = TotalWagered,
        TotalReturned = TotalReturned,
        NetPnl = NetPnl,
        GrossWins = GrossWins,
        GrossLosses = GrossLosses,
        MaxDrawdownPct = MaxDrawdownPct,
        MaxDrawdownFraction = MaxDrawdownFraction,
        MaxDrawdownAmount = MaxDrawdownAmount,
        CurrentWinStreak = CurrentWinStreak,
        CurrentLoseStreak = CurrentLoseStreak,
        LongestWinningStreak = LongestWinningStreak,
        LongestLosingStreak = LongestLosingStreak,
        GamePnlCount = GamePnlCount,
        GamePnlSum = GamePnlSum,
        GamePnlSumSquares = GamePnlSumSquares,
        DailyLossLimitHits = DailyLossLimitHits,
        EquityCurve = EquityPointView.ToPoints(EquityCurve),
        GameEquityCurve = EquityPointView.ToPoints(GameEquityCurve),
        GameEquityStride = GameEquityStride,
        SettledWagered = SettledWagered,
    };
}

/// <summary>Equity (balance + in bets) after the feed entry <see cref="Seq"/>.</summary>
[GenerateSerializer]
[Alias("livesim.EquityPointView")]
public sealed record EquityPointView([property: Id(0)] long Seq, [property: Id(1)] decimal Equity)
{
    public static EquityPointView[] From(IReadOnlyList<EquityPoint> points)
    {
        var views = new EquityPointView[points.Count];
        for (var i = 0; i < views.Length; i++)
        {
            views[i] = new EquityPointView(points[i].Seq, points[i].Equity);
        }

        return views;
    }

    public static IReadOnlyList<EquityPoint> ToPoints(IReadOnlyList<EquityPointView> views) =>
        [.. views.Select(v => new EquityPoint { Seq = v.Seq, Equity = v.Equity })];
}
