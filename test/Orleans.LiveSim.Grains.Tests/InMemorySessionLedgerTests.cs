using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions.Ledger;
using Orleans.LiveSim.Engine.Wallet;
using Orleans.LiveSim.Grains.Storage;

namespace Orleans.LiveSim.Grains.Tests;

public sealed class InMemorySessionLedgerTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static LedgerEntry Placed(long eventSeq, long betId) =>
        new(eventSeq, LedgerEntryKind.Placed, eventSeq, At, "g", betId, 0, 1, 41, 1, 0.001m, 1m, BalanceAfter: 0.099m);

    private static LedgerEntry Settled(long eventSeq, long betId, BetOutcome outcome) =>
        new(eventSeq, LedgerEntryKind.Settled, eventSeq, At, "g", betId, 0, Stake: 0.001m, Outcome: outcome, Returned: outcome == BetOutcome.Won ? 0.005m : 0m, BalanceAfter: 0.1m, EquityAfter: 0.1m);

    private static LedgerEntry Skipped(long eventSeq) => new(eventSeq, LedgerEntryKind.Skipped, eventSeq, At, "h", ScheduleIndex: 1, TargetTick: 46, Reason: "paused");

    [Fact]
    public async Task Appending_entries_it_holds_changes_nothing_and_a_bet_joins_its_settlement()
    {
        var ledger = new InMemorySessionLedger(Options.Create(new LedgerOptions()));
        LedgerEntry[] entries = [Placed(3, 1), Settled(5, 1, BetOutcome.Won), Skipped(6), Placed(8, 2)];

        await ledger.AppendAsync("s", entries[..2]);
        await ledger.AppendAsync("s", entries);
        await ledger.AppendAsync("s", entries[1..]);

        Assert.Equal(entries, await ledger.ReadEntriesAsync("s", null, 0, 100));
        var rows = await ledger.ReadRowsAsync("s", LedgerFilter.All, 0, 100);
        Assert.Equal([(3L, LedgerOutcome.Won), (6L, LedgerOutcome.Skipped), (8L, LedgerOutcome.Open)], rows.Select(r => (r.EventSeq, r.Outcome)));
        Assert.Equal(5L, rows[0].SettledAtSeq);
        Assert.Equal([8L], (await ledger.ReadRowsAsync("s", new LedgerFilter(LedgerOutcome.Open), 0, 100)).Select(r => r.EventSeq));
        Assert.Equal([6L], (await ledger.ReadRowsAsync("s", new LedgerFilter(GameId: "h"), 0, 100)).Select(r => r.EventSeq));
        Assert.Equal([6L], (await ledger.ReadRowsAsync("s", LedgerFilter.All, 3, 1)).Select(r => r.EventSeq));
        Assert.Equal(0, await ledger.DroppedThroughAsync("s"));
    }

    [Fact]
    public async Task A_session_past_its_bound_loses_its_oldest_entries_and_says_so()
    {
        var ledger = new InMemorySessionLedger(Options.Create(new LedgerOptions { MaxEntriesPerSession = 10 }));

        await ledger.AppendAsync("s", [.. Enumerable.Range(1, 12).Select(i => Placed(i, i))]);

        var entries = await ledger.ReadEntriesAsync("s", null, 0, 100);
        Assert.Equal(Enumerable.Range(4, 9).Select(i => (long)i), entries.Select(e => e.EventSeq));
        Assert.Equal(3, await ledger.DroppedThroughAsync("s"));
    }

    [Fact]
    public async Task Past_the_total_bound_the_ledger_written_longest_ago_goes_whole()
    {
        var ledger = new InMemorySessionLedger(Options.Create(new LedgerOptions { MaxEntries = 5 }));

        await ledger.AppendAsync("old", [Placed(1, 1), Placed(2, 2)]);
        await ledger.AppendAsync("recent", [Placed(1, 1), Placed(2, 2)]);
        await ledger.AppendAsync("old", [Placed(3, 3)]);
        await ledger.AppendAsync("new", [Placed(1, 1), Placed(2, 2)]);

        Assert.Empty(await ledger.ReadEntriesAsync("recent", null, 0, 100));
        Assert.Equal(3, (await ledger.ReadEntriesAsync("old", null, 0, 100)).Count);
        Assert.Equal(2, (await ledger.ReadEntriesAsync("new", null, 0, 100)).Count);
    }
}
