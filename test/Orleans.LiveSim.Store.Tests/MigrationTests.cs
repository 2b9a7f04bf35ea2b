using Orleans.LiveSim.Store.Tests.Infrastructure;

namespace Orleans.LiveSim.Store.Tests;

public sealed class MigrationTests
{
    private static readonly string[] Scripts =
    [
        "001-orleans-main.sql",
        "002-orleans-persistence.sql",
        "003-orleans-clustering.sql",
        "004-orleans-reminders.sql",
        "010-livesim.sql",
        "011-livesim-ledger.sql",
        "020-livesim-accounts.sql",
    ];

    private static readonly string[] QueryKeys =
    [
        "CleanupDefunctSiloEntriesKey",
        "CleanupDefunctSiloEntryKey",
        "ClearStorageKey",
        "DeleteMembershipTableEntriesKey",
        "DeleteReminderRowKey",
        "DeleteReminderRowsKey",
        "DeleteStorageKey",
        "GatewaysQueryKey",
        "InsertMembershipKey",
        "InsertMembershipVersionKey",
        "MembershipReadAllKey",
        "MembershipReadRowKey",
        "ReadFromStorageKey",
        "ReadRangeRows1Key",
        "ReadRangeRows2Key",
        "ReadReminderRowKey",
        "ReadReminderRowsKey",
        "UpdateIAmAlivetimeKey",
        "UpdateMembershipKey",
        "UpsertReminderRowKey",
        "WriteToStorageKey",
    ];

    private static readonly string[] Tables =
    [
        "livesim_accounts",
        "livesim_api_keys",
        "livesim_feed_journal",
        "livesim_ledger",
        "livesim_recordings",
        "livesim_session_catalog",
        "livesim_session_index",
        "orleansmembershiptable",
        "orleansmembershipversiontable",
        "orleansquery",
        "orleansreminderstable",
        "orleansstorage",
    ];

    [Fact]
    public void Scripts_are_copied_next_to_the_test_assembly_in_name_order()
    {
        var migrator = new DatabaseMigrator("Host=unused");

        var names = migrator.GetScripts().Select(Path.GetFileName).ToArray();

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "sql"), DatabaseMigrator.DefaultScriptsFolder);
        Assert.Equal(Scripts, names);
    }

    [Fact]
    public async Task Migrating_twice_applies_every_script_both_times_and_leaves_one_row_per_query_key()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("migrate");
        try
        {
            var migrator = new DatabaseMigrator(connectionString);

            var first = await migrator.MigrateAsync();
            var second = await migrator.MigrateAsync();

            Assert.Equal(Scripts, first);
            Assert.Equal(Scripts, second);
            var keys = await PostgresServer.QueryAsync(connectionString, "SELECT querykey FROM orleansquery ORDER BY querykey COLLATE \"C\"");
            Assert.Equal(QueryKeys, keys.Select(row => (string)row[0]!));
            var tables = await PostgresServer.QueryAsync(
                connectionString,
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name COLLATE \"C\"");
            Assert.Equal(Tables, tables.Select(row => (string)row[0]!));
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Migrating_an_existing_schema_keeps_its_rows()
    {
        var connectionString = await Databases.CreateMigratedAsync("keep");
        try
        {
            await PostgresServer.ExecuteAsync(
                connectionString,
                "INSERT INTO livesim_session_index (session_id, feed_id, shard) VALUES ('s-1', 'demo', 7)");

            await new DatabaseMigrator(connectionString).MigrateAsync();

            var rows = await PostgresServer.QueryAsync(connectionString, "SELECT session_id, feed_id, shard FROM livesim_session_index");
            var row = Assert.Single(rows);
            Assert.Equal(new object?[] { "s-1", "demo", 7 }, row);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Four_silos_migrating_an_empty_database_at_once_all_succeed()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("race");
        try
        {
            var runs = Enumerable.Range(0, 4).Select(_ => Task.Run(() => new DatabaseMigrator(connectionString).MigrateAsync()));

            var results = await Task.WhenAll(runs);

            Assert.All(results, applied => Assert.Equal(Scripts, applied));
            var keys = await PostgresServer.QueryAsync(connectionString, "SELECT count(*) FROM orleansquery");
            Assert.Equal(21L, keys[0][0]);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task A_failing_script_names_itself_and_rolls_back()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("fail");
        var folder = Directory.CreateTempSubdirectory("livesim-sql-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "001-ok.sql"), "CREATE TABLE IF NOT EXISTS ok_table (id int);");
            await File.WriteAllTextAsync(
                Path.Combine(folder, "002-bad.sql"),
                "CREATE TABLE half_done (id int); SELECT * FROM no_such_table;");

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new DatabaseMigrator(connectionString, folder).MigrateAsync());

            Assert.Contains("002-bad.sql", error.Message, StringComparison.Ordinal);
            Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
            var tables = await PostgresServer.QueryAsync(
                connectionString,
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
            Assert.Equal(["ok_table"], tables.Select(row => (string)row[0]!));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }
}
