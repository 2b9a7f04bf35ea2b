using Npgsql;

namespace Orleans.LiveSim.Store;

/// <summary>
/// Applies the idempotent schema scripts (<c>*.sql</c>, in ordinal name order) to a PostgreSQL database.
/// Every script runs in its own transaction; the whole run holds a PostgreSQL advisory lock so that silos
/// starting together apply the scripts one after the other instead of racing on <c>CREATE TABLE</c>.
/// The scripts are written to be run on every start, so nothing records which ones ran.
/// </summary>
public sealed class DatabaseMigrator
{
    /// <summary>The advisory lock key held while migrating (the ASCII bytes of "LiveSim").</summary>
    public const long AdvisoryLockKey = 0x4C697665_53696D;

    private readonly string _connectionString;
    private readonly string _scriptsFolder;

    /// <summary>Creates a migrator for one database.</summary>
    /// <param name="connectionString">An Npgsql connection string to the target database.</param>
    /// <param name="scriptsFolder">The folder holding the scripts; defaults to <see cref="DefaultScriptsFolder"/>.</param>
    public DatabaseMigrator(string connectionString, string? scriptsFolder = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _connectionString = connectionString;
        _scriptsFolder = scriptsFolder ?? DefaultScriptsFolder;
    }

    /// <summary>
    /// The scripts copied next to the application: <c>AppContext.BaseDirectory/sql</c>. Any project that references
    /// Orleans.LiveSim.Store gets <c>silo-config/sql/*.sql</c> there at build time.
    /// </summary>
    public static string DefaultScriptsFolder => Path.Combine(AppContext.BaseDirectory, "sql");

    /// <summary>How long to wait for another process's migration to finish. Default: 2 minutes.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The script files that <see cref="MigrateAsync"/> applies, in the order it applies them.</summary>
    /// <exception cref="DirectoryNotFoundException">The scripts folder does not exist.</exception>
    public IReadOnlyList<string> GetScripts()
    {
        if (!Directory.Exists(_scriptsFolder))
        {
            throw new DirectoryNotFoundException($"The database scripts folder '{_scriptsFolder}' does not exist.");
        }

        return Directory.GetFiles(_scriptsFolder, "*.sql")
            .OrderBy(path => Path.GetFileName(path), StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Applies every script, each in one transaction, under the advisory lock.</summary>
    /// <returns>The file names of the scripts applied, in order.</returns>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var scripts = GetScripts();
        // Unpooled: the migration's connection is outside the silo's budget, so it must not linger idle in a pool afterwards.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            lockCommand.CommandTimeout = (int)Math.Ceiling(LockTimeout.TotalSeconds);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        var applied = new List<string>(scripts.Count);
        try
        {
            foreach (var script in scripts)
            {
                var name = Path.GetFileName(script);
                var sql = await File.ReadAllTextAsync(script, cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                try
                {
                    await using var command = new NpgsqlCommand(sql, connection, transaction);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }
                catch (PostgresException ex)
                {
                    throw new InvalidOperationException($"Database script '{name}' failed: {ex.MessageText} (SQLSTATE {ex.SqlState}).", ex);
                }

                applied.Add(name);
            }
        }
        finally
        {
            // Closing the connection releases the lock too; unlocking says so explicitly.
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await using var unlockCommand = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                unlockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
                await unlockCommand.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }

        return applied;
    }
}
