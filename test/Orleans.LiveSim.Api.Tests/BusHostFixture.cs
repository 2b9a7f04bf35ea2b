using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>
/// A front silo with the event bus on a <c>nats-server -js</c> of its own (so a test can take the bus down and bring it
/// back), a small bus outbox (so <c>bus_lag</c> comes quickly), webhooks allowed to the loopback receiver at 127.0.0.1,
/// and short webhook backoffs.
/// </summary>
public sealed class BusHostFixture : IAsyncLifetime
{
    public const string Stream = "LIVESIM_API";
    public const int MaxPendingEvents = 300;

    private WebApplication? _app;

    public NatsProcess Nats { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (NatsServer.SkipReason is not null)
        {
            return;
        }

        Nats = await NatsProcess.StartAsync();
        var port = FreePort.Next();
        _app = LiveSimHost.Build(
        [
            $"--urls=http://127.0.0.1:{port}",
            $"--LiveSim:SiloPort={FreePort.Next()}",
            $"--LiveSim:GatewayPort={FreePort.Next()}",
            "--LiveSim:Feeds:demo:TickIntervalMs=20",
            "--LiveSim:Feeds:demo:CooldownSeconds=1",
            $"--LiveSim:EventBus:Nats:Url={Nats.Url}",
            $"--LiveSim:EventBus:Nats:Stream={Stream}",
            $"--LiveSim:EventBus:MaxPendingEvents={MaxPendingEvents}",
            "--LiveSim:EventBus:Nats:AckTimeout=00:00:01",
            "--LiveSim:Webhooks:AllowedHosts:0=127.0.0.1",
            "--LiveSim:Webhooks:InitialBackoff=00:00:00.050",
            "--LiveSim:Webhooks:MaxBackoff=00:00:00.200",
            "--LiveSim:Webhooks:MaxAttempts=4",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        await Poll.UntilAsync(() => Http.GetAsync("/ready"), r => r.IsSuccessStatusCode, "the silo to be ready");
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (Nats is not null)
        {
            await Nats.DisposeAsync();
        }
    }
}
