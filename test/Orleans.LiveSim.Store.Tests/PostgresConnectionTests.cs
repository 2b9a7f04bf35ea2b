using System.Net;
using System.Net.Sockets;
using Orleans.LiveSim.Store.Tests.Infrastructure;

namespace Orleans.LiveSim.Store.Tests;

public sealed class PostgresConnectionTests
{
    private const string Key = "ConnectionStrings:LiveSim";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_connection_string_names_the_key(string? value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => PostgresConnection.Validate(value, Key));

        Assert.StartsWith("ConnectionStrings:LiveSim is not set.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hots=localhost;Database=livesim")]
    [InlineData("Host=localhost;Port=not-a-number")]
    [InlineData("Database=livesim")]
    public void A_malformed_connection_string_names_the_key(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => PostgresConnection.Validate(value, Key));

        Assert.StartsWith("ConnectionStrings:LiveSim is not a valid PostgreSQL connection string: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_never_appears_in_the_message()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => PostgresConnection.Validate("Host=h;Password=s3cret-value;Bogus=1", Key));

        Assert.DoesNotContain("s3cret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_names_host_port_and_key()
    {
        var port = UnusedLoopbackPort();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresConnection.CheckReachableAsync(
            $"Host=127.0.0.1;Port={port};Username=postgres;Database=livesim", Key, TimeSpan.FromSeconds(2)));

        Assert.StartsWith($"Cannot reach PostgreSQL at 127.0.0.1:{port} (database 'livesim', from ConnectionStrings:LiveSim): ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reachable_server_passes()
    {
        var connectionString = await PostgresServer.GetAdminConnectionStringAsync();

        await PostgresConnection.CheckReachableAsync(connectionString, Key);
    }

    private static int UnusedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
