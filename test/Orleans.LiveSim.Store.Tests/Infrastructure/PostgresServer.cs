using System.Diagnostics;
using Npgsql;
using Orleans.LiveSim.Store;

namespace Orleans.LiveSim.Store.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests run against: <c>LIVESIM_TEST_PG</c> if set, else one started with
/// <c>.ci/pg.sh start</c> (left running for the next run; <c>.ci/pg.sh stop</c> removes it).
/// Every fixture gets its own database so tests never see each other's rows.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "LIVESIM_TEST_PG";

    private static readonly Lazy<Task<string>> AdminConnectionString = new(LocateOrStartAsync);

    public static Task<string> GetAdminConnectionStringAsync() => AdminConnectionString.Value;

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync(string purpose)
    {
        var admin = await GetAdminConnectionStringAsync();
        var name = $"t_{purpose}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>Creates a database with a unique name and applies every schema script to it.</summary>
    public static async Task<string> CreateMigratedDatabaseAsync(string purpose)
    {
        var connectionString = await CreateEmptyDatabaseAsync(purpose);
        await new DatabaseMigrator(connectionString).MigrateAsync();
        return connectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(await GetAdminConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> LocateOrStartAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        var script = Path.Combine(FindRepositoryRoot(), ".ci", "pg.sh");
        var startInfo = new ProcessStartInfo("bash")
        {
            ArgumentList = { script, "start" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not run {script}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{script} start failed with exit code {process.ExitCode}: {await stderr}\n" +
                $"Start PostgreSQL yourself and set {EnvironmentVariable} to its connection string.");
        }

        const string Prefix = $"export {EnvironmentVariable}=";
        var line = (await stdout).Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{script} start printed no '{Prefix}' line: {await stdout}");
        return line[Prefix.Length..].Trim('\'', '"');
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orleans.LiveSim.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Orleans.LiveSim.sln not found above {AppContext.BaseDirectory}; set {EnvironmentVariable} instead.");
    }
}
