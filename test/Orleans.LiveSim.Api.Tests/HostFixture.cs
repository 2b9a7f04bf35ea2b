using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>
/// The real front silo (Kestrel + co-hosted Orleans silo) on free loopback ports, with the embedded defaults and a
/// fast demo feed (20 ms ticks, 1 s cooldown) so sessions see rounds within seconds.
/// </summary>
public class HostFixture : IAsyncLifetime
{
    private WebApplication? _app;
    private ReplayServer? _provider;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The running app (its endpoints, its services).</summary>
    public WebApplication App => _app!;

    public const string OperatorKey = "test-operator-key";

    /// <summary>
    /// Feed <c>provider</c>: the live Socket.IO source connected to a real Socket.IO server replaying the real capture
    /// (when the shared data is there). Not auto-started: a test starts it through the operator endpoint.
    /// </summary>
    public const string ProviderFeed = "provider";

    /// <summary>Where the <c>provider</c> feed records every raw message it receives (<c>RecordTo</c>).</summary>
    public string ProviderRecording { get; } = Path.Combine(Path.GetTempPath(), $"livesim-recording-{Guid.NewGuid():N}.jsonl");

    /// <summary>Configuration this host adds last (command-line keys), over the defaults above.</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    /// <summary>Whether the host has the <see cref="ProviderFeed"/> (with its Socket.IO server).</summary>
    protected virtual bool WithProvider => true;

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var provider = new List<string>();
        if (WithProvider && SharedData.DataDirectory is not null)
        {
            _provider = await ReplayServer.StartAsync(SharedData.CapturePath);
            provider.AddRange(
            [
                $"--LiveSim:Feeds:{ProviderFeed}:Provider=socketio",
                $"--LiveSim:Feeds:{ProviderFeed}:Url={_provider.Url}",
                $"--LiveSim:Feeds:{ProviderFeed}:AutoStart=false",
                $"--LiveSim:Feeds:{ProviderFeed}:RecordTo={ProviderRecording}",
            ]);
        }

        _app = LiveSimHost.Build(
        [
            .. provider,
            $"--urls={BaseAddress}",
            $"--LiveSim:SiloPort={FreePort.Next()}",
            $"--LiveSim:GatewayPort={FreePort.Next()}",
            "--LiveSim:Feeds:demo:TickIntervalMs=20",
            "--LiveSim:Feeds:demo:CooldownSeconds=1",
            $"--LiveSim:OperatorKey={OperatorKey}",
            // The tests sharing this host create many sessions anonymously and leave most running: the quota all anonymous
            // callers share is not what they test (QuotaHostFixture does, with its own limits).
            "--LiveSim:Quotas:Anonymous:RunningSessions=100000",
            "--Logging:LogLevel:Default=Warning",
            .. ExtraArguments,
        ]);
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await Poll.UntilAsync(() => Http.GetAsync("/ready"), r => r.IsSuccessStatusCode, "the silo to be ready");
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        File.Delete(ProviderRecording);
    }
}

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "host";
}
