using Orleans.LiveSim.Abstractions.Ledger;
using Orleans.LiveSim.Engine.Strategies;
using Orleans.LiveSim.Engine.Wallet;
using Orleans.LiveSim.Store;

namespace Orleans.LiveSim.Cluster.Tests;

/// <summary>The PostgreSQL bet ledger against a migrated database: append-only, idempotent, joined and filtered as the API reads it.</summary>
public sealed class LedgerStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SizingView Sizing = new(SizingProfile.Legacy, "kelly", 0.001m, 0.1m, null, 0.0013m, null, 2m, 0.06m, 0.94m, 0.002m);

    private static readonly LedgerEntry[] Entries =
    [
        new(3, LedgerEntryKind.Placed, 10, At, "g1", 1, 0, 5, 45, 5, 0.002m, 1.05m, BalanceAfter: 0.098m, Sizing: Sizing, DecidedAtSeq: 9, DecisionTick: 4),
        new(5, LedgerEntryKind.Settled, 30, At.AddSeconds(5), "g1", 1, 0, Stake: 0.002m, Outcome: BetOutcome.Won, Returned: 0.010m, RugTick: 25, BalanceAfter: 0.108m, EquityAfter: 0.108m),
        new(7, LedgerEntryKind.Skipped, 31, At.AddSeconds(6), "g2", ScheduleIndex: 0, TargetTick: 5, Reason: "paused"),
        new(9, LedgerEntryKind.Placed, 40, At.AddHours(1), "g3", 2, 0, 5, 45, 5, 0.003m, 1.01m, BalanceAfter: 0.105m, Sizing: Sizing with { Profile = SizingProfile.Standard }, DecidedAtSeq: 40, DecisionTick: 5),
        new(11, LedgerEntryKind.Settled, 80, At.AddHours(1).AddSeconds(10), "g3", 2, 0, Stake: 0.003m, Outcome: BetOutcome.Lost, Returned: 0m, BalanceAfter: 0.105m, EquityAfter: 0.105m),
        new(12, LedgerEntryKind.Placed, 81, At.AddHours(2), "g3", 3, 1, 45, 85, 45, 0.001m, 1.2m, BalanceAfter: 0.104m, Sizing: Sizing, DecidedAtSeq: 81, DecisionTick: 45),
    ];

    private string _connectionString = "";
    private DatabasePools? _pools;

    private PostgresSessionLedger Ledger => new(new LiveSimDatabase(_pools!));

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync("ledger");
        await new DatabaseMigrator(_connectionString).MigrateAsync();
        _pools = new DatabasePools(new LiveSimStoreOptions { ConnectionString = _connectionString, MaxConnections = 6 });
    }

    public async Task DisposeAsync()
    {
        if (_pools is not null)
        {
            await _pools.DisposeAsync();
        }

        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task Entries_written_again_by_a_replay_are_ignored_and_read_back_as_written()
    {
        var ledger = Ledger;

        await ledger.AppendAsync("s1", Entries[..3]);
        await ledger.AppendAsync("s1", Entries);
        await ledger.AppendAsync("s1", Entries[2..]);
        await ledger.AppendAsync("s2", Entries[..1]);

        Assert.Equal(Entries, await ledger.ReadEntriesAsync("s1", null, 0, 100));
        Assert.Equal([Entries[1], Entries[4]], await ledger.ReadEntriesAsync("s1", LedgerEntryKind.Settled, 0, 100));
        Assert.Equal(Entries[3..5], await ledger.ReadEntriesAsync("s1", null, 7, 2));
        Assert.Single(await ledger.ReadEntriesAsync("s2", null, 0, 100));
        var count = await PostgresServer.QueryAsync(_connectionString, "SELECT count(*) FROM livesim_ledger");
        Assert.Equal(7L, count[0][0]);
    }

    [Fact]
    public async Task A_bet_row_joins_its_settlement_and_rows_filter_by_outcome_and_round_in_decision_order()
    {
        var ledger = Ledger;
        await ledger.AppendAsync("s1", Entries);

        var rows = await ledger.ReadRowsAsync("s1", LedgerFilter.All, 0, 100);

        Assert.Equal([LedgerRow.Of(Entries[0], Entries[1]), LedgerRow.Of(Entries[2], null), LedgerRow.Of(Entries[3], Entries[4]), LedgerRow.Of(Entries[5], null)], rows);
        Assert.Equal([LedgerOutcome.Won, LedgerOutcome.Skipped, LedgerOutcome.Lost, LedgerOutcome.Open], rows.Select(r => r.Outcome));
        Assert.Equal(0.108m, rows[0].BalanceAfter);
        Assert.Equal(0.104m, rows[3].BalanceAfter);
        Assert.Equal(Sizing, rows[0].Sizing);
        Assert.Equal([12L], (await ledger.ReadRowsAsync("s1", new LedgerFilter(LedgerOutcome.Open), 0, 100)).Select(r => r.EventSeq));
        Assert.Equal([3L], (await ledger.ReadRowsAsync("s1", new LedgerFilter(LedgerOutcome.Won), 0, 100)).Select(r => r.EventSeq));
        Assert.Equal([9L], (await ledger.ReadRowsAsync("s1", new LedgerFilter(LedgerOutcome.Lost), 0, 100)).Select(r => r.EventSeq));
        Assert.Empty(await ledger.ReadRowsAsync("s1", new LedgerFilter(LedgerOutcome.Voided), 0, 100));
        Assert.Equal([7L], (await ledger.ReadRowsAsync("s1", new LedgerFilter(LedgerOutcome.Skipped), 0, 100)).Select(r => r.EventSeq));
        Assert.Equal([9L, 12L], (await ledger.ReadRowsAsync("s1", new LedgerFilter(GameId: "g3"), 0, 100)).Select(r => r.EventSeq));
        Assert.Equal([7L, 9L], (await ledger.ReadRowsAsync("s1", LedgerFilter.All, 3, 2)).Select(r => r.EventSeq));
        Assert.Equal(0, await ledger.DroppedThroughAsync("s1"));
    }
}
