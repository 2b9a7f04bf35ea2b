using Orleans.LiveSim.Abstractions.Ledger;

namespace Orleans.LiveSim.Silo.Ledger;

/// <summary>The periods a P&amp;L report groups by, in the feed's time (UTC).</summary>
public enum PnlInterval
{
    Hour = 0,
    Day = 1,

    /// <summary>ISO weeks: Monday 00:00 UTC to the next Monday.</summary>
    Week = 2,
}

/// <summary>One period of a P&amp;L report: bets placed and settled in it, money in and out, and equity at its end.</summary>
/// <param name="Start">Its start (UTC, inclusive).</param>
/// <param name="End">Its end (UTC, exclusive).</param>
/// <param name="BetsPlaced">Bets placed in it.</param>
/// <param name="BetsWon">Bets that settled won in it.</param>
/// <param name="BetsLost">Bets that settled lost in it.</param>
/// <param name="BetsVoided">Bets voided (stake returned) in it.</param>
/// <param name="BetsSkipped">Scheduled bets skipped in it.</param>
/// <param name="Wagered">Stakes of the bets placed in it.</param>
/// <param name="Returned">What the bets that settled in it returned.</param>
/// <param name="NetPnl">Returned minus the stakes of the bets that settled in it (realized).</param>
/// <param name="Equity">Equity at its end: the starting balance plus every settled net P&amp;L up to then.</param>
public sealed record PnlPeriod(
    DateTimeOffset Start,
    DateTimeOffset End,
    long BetsPlaced,
    long BetsWon,
    long BetsLost,
    long BetsVoided,
    long BetsSkipped,
    decimal Wagered,
    decimal Returned,
    decimal NetPnl,
    decimal Equity);

/// <summary>
/// A session's P&amp;L by period (<c>GET /live-sim/sessions/{id}/pnl</c>), computed from its ledger: only periods with a
/// ledger entry are listed, oldest first. <see cref="Complete"/> is false when the in-memory ledger dropped old entries.
/// </summary>
public sealed record PnlReport(string SessionId, PnlInterval Interval, decimal StartingBalance, bool Complete, IReadOnlyList<PnlPeriod> Periods)
{
    /// <summary>Groups <paramref name="entries"/> (in eventSeq order) by period: placements by when placed, settlements by when settled.</summary>
    public static async Task<IReadOnlyList<PnlPeriod>> PeriodsAsync(IAsyncEnumerable<LedgerEntry> entries, PnlInterval interval, decimal startingBalance)
    {
        var periods = new SortedDictionary<DateTimeOffset, Sums>();
        await foreach (var e in entries)
        {
            var start = StartOf(e.At, interval);
            if (!periods.TryGetValue(start, out var sums))
            {
                periods[start] = sums = new Sums();
            }

            sums.Add(e);
        }

        var equity = startingBalance;
        var result = new List<PnlPeriod>(periods.Count);
        foreach (var (start, s) in periods)
        {
            equity += s.NetPnl;
            result.Add(new PnlPeriod(start, EndOf(start, interval), s.Placed, s.Won, s.Lost, s.Voided, s.Skipped, s.Wagered, s.Returned, s.NetPnl, equity));
        }

        return result;
    }

    public static DateTimeOffset StartOf(DateTimeOffset at, PnlInterval interval)
    {
        var utc = at.UtcDateTime;
        var day = new DateTimeOffset(utc.Date, TimeSpan.Zero);
        return interval switch
        {
            PnlInterval.Hour => day.AddHours(utc.Hour),
            PnlInterval.Day => day,
            _ => day.AddDays(-(((int)utc.DayOfWeek + 6) % 7)),
        };
    }

    public static DateTimeOffset EndOf(DateTimeOffset start, PnlInterval interval) => interval switch
    {
        PnlInterval.Hour => start.AddHours(1),
        PnlInterval.Day => start.AddDays(1),
        _ => start.AddDays(7),
    };

    private sealed class Sums
    {
        public long Placed { get; private set; }

        public long Won { get; private set; }

        public long Lost { get; private set; }

        public long Voided { get; private set; }

        public long Skipped { get; private set; }

        public decimal Wagered { get; private set; }

        public decimal Returned { get; private set; }

        public decimal NetPnl { get; private set; }

        public void Add(LedgerEntry e)
        {
            switch (e.Kind)
            {
                case LedgerEntryKind.Placed:
                    Placed++;
                    Wagered += e.Stake ?? 0m;
                    break;
                case LedgerEntryKind.Skipped:
                    Skipped++;
                    break;
                default:
                    var returned = e.Returned ?? 0m;
                    Returned += returned;
                    NetPnl += returned - (e.Stake ?? 0m);
                    Won += e.Outcome == Engine.Wallet.BetOutcome.Won ? 1 : 0;
                    Lost += e.Outcome == Engine.Wallet.BetOutcome.Lost ? 1 : 0;
                    Voided += e.Outcome == Engine.Wallet.BetOutcome.Voided ? 1 : 0;
                    break;
            }
        }
    }
}
