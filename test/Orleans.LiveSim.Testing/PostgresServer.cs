using System.Diagnostics;
using Npgsql;

namespace Orleans.LiveSim.Testing;

/// <summary>
/// The PostgreSQL server the tests run against: <c>LIVESIM_TEST_PG</c> if set, else one started with
/// <c>.ci/pg.sh start</c> (left running; <c>.ci/pg.sh stop</c> removes it). Each test class gets its own database.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "LIVESIM_TEST_PG";

    private static readonly Lazy<Task<string>> AdminConnectionString = new(LocateOrStartAsync);

    /// <summary>The server's connection string (database <c>livesim</c>), for creating and dropping databases.</summary>
    public static Task<string> GetAdminConnectionStringAsync() => AdminConnectionString.Value;

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var admin = await AdminConnectionString.Value;
        var name = $"c_{purpose}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(await AdminConnectionString.Value);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Rows of a query (NULL as null), to look at what the providers and stores wrote.</summary>
    public static async Task<List<object?[]>> QueryAsync(string connectionString, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public static async Task<int> ExecuteAsync(string connectionString, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static async Task<string> LocateOrStartAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        var script = Path.Combine((SharedData.RepoRoot ?? throw new InvalidOperationException($"Orleans.LiveSim.sln not found above {AppContext.BaseDirectory}; set {EnvironmentVariable} instead.")), ".ci", "pg.sh");
        var startInfo = new ProcessStartInfo("bash")
        {
            ArgumentList = { script, "start" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not run {script}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{script} start failed with exit code {process.ExitCode}: {await stderr}\nStart PostgreSQL yourself and set {EnvironmentVariable}.");
        }

        const string Prefix = $"export {EnvironmentVariable}=";
        var line = (await stdout).Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{script} start printed no '{Prefix}' line: {await stdout}");
        return line[Prefix.Length..].Trim('\'', '"');
    }
}
