using Orleans.LiveSim.Feeds.Recording;
using Orleans.LiveSim.Feeds.Synthetic;
using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.Api.Tests.History;

/// <summary>
/// A real front silo of its own for the session-history tests: the fast demo feed (20 ms ticks, 1 s cooldown) and a
/// feed that ends, <see cref="FiniteFeed"/>: a synthetic capture of 40 s played at 5x once a test starts it, so a live
/// session and its fork on it come to rest at the same last seq.
/// </summary>
public sealed class HistoryHostFixture : IAsyncLifetime
{
    public const string FiniteFeed = "finite";

    private readonly string _capture = Path.Combine(Path.GetTempPath(), $"livesim-finite-{Guid.NewGuid():N}.jsonl");
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await using (var writer = new RecordingWriter(File.Create(_capture)))
        {
            var game = new SyntheticGameOptions { Seed = 11, TickInterval = TimeSpan.FromMilliseconds(100), Cooldown = TimeSpan.FromSeconds(1) };
            SyntheticCapture.Write(FiniteFeed, game, SyntheticCapture.DefaultStart, TimeSpan.FromSeconds(40), writer);
        }

        BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        _app = LiveSimHost.Build(
        [
            $"--urls={BaseAddress}",
            $"--LiveSim:SiloPort={FreePort.Next()}",
            $"--LiveSim:GatewayPort={FreePort.Next()}",
            "--LiveSim:Feeds:demo:TickIntervalMs=20",
            "--LiveSim:Feeds:demo:CooldownSeconds=1",
            $"--LiveSim:Feeds:{FiniteFeed}:Provider=recording",
            $"--LiveSim:Feeds:{FiniteFeed}:File={_capture}",
            $"--LiveSim:Feeds:{FiniteFeed}:Speed=5",
            $"--LiveSim:Feeds:{FiniteFeed}:AutoStart=false",
            $"--LiveSim:OperatorKey={HostFixture.OperatorKey}",
            "--Logging:LogLevel:Default=Warning",
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

        File.Delete(_capture);
    }
}

[CollectionDefinition(Name)]
public sealed class HistoryCollection : ICollectionFixture<HistoryHostFixture>
{
    public const string Name = "history";
}
