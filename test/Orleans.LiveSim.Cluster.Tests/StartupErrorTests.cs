using Orleans.LiveSim.Cluster.Tests.Infrastructure;

namespace Orleans.LiveSim.Cluster.Tests;

/// <summary>A silo that cannot use its database says why and exits with a non-zero code.</summary>
public sealed class StartupErrorTests
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Unreachable_database_stops_the_silo_naming_the_key_and_host_port()
    {
        var port = FreePort.Next();
        await using var silo = SiloProcess.StartPostgres($"Host=127.0.0.1;Port={port};Username=postgres;Database=livesim");

        var exitCode = await silo.WaitForExitAsync(ExitDeadline);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ConnectionStrings:LiveSim", silo.Output, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_connection_string_stops_the_silo_naming_the_key()
    {
        await using var silo = SiloProcess.StartPostgres("this is not a connection string");

        var exitCode = await silo.WaitForExitAsync(ExitDeadline);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ConnectionStrings:LiveSim is not a valid PostgreSQL connection string", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_connection_string_stops_the_silo_naming_the_key()
    {
        await using var silo = SiloProcess.Start(["--LiveSim:Storage=Postgres"]);

        var exitCode = await silo.WaitForExitAsync(ExitDeadline);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ConnectionStrings:LiveSim is not set", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_budget_that_leaves_sessions_too_little_stops_the_silo_naming_the_keys()
    {
        await using var silo = SiloProcess.Start(["--LiveSim:Storage=Postgres", "--ConnectionStrings:LiveSim=Host=127.0.0.1;Database=livesim", "--LiveSim:Database:MaxConnections=5"]);

        var exitCode = await silo.WaitForExitAsync(ExitDeadline);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(
            "LiveSim:Database:MaxConnections (5) leaves 1 connections for sessions after LiveSim:Database:FeedConnections (2) and LiveSim:Database:ClusterConnections (2); it must leave at least 2.",
            silo.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_clustering_value_stops_the_silo_listing_the_allowed_values()
    {
        await using var silo = SiloProcess.Start(["--LiveSim:Clustering=Consul"]);

        var exitCode = await silo.WaitForExitAsync(ExitDeadline);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("LiveSim:Clustering 'Consul' is not supported; use one of: Localhost, Postgres.", silo.Output, StringComparison.Ordinal);
    }
}
