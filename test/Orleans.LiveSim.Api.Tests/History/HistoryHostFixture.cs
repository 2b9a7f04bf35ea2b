using Orleans.LiveSim.Feeds.Recording;
using Orleans.LiveSim.Feeds.Synthetic;
using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.Api.Tests.History;

/// <summary>
/// A real front silo of its own for the session-history tests: the fast demo feed (20 ms ticks, 1 s cooldown) and a
/// feed that ends, <see cref="FiniteFeed"/>: a synthetic capture of 40 s played at 5x once a test starts it, so a live
/// session and its fork on it come to rest at the same last seq. <see cref="LongRecordingAsync"/> uploads, once, a synthetic
/// capture of 2.5 hours of feed time (250 ms ticks) from Sunday 2026-03-01 22:40 UTC: it crosses hours, a day and a week.
/// </summary>
public sealed class HistoryHostFixture : IAsyncLifetime
{
    public const string FiniteFeed = "finite";

    private readonly string _capture = Path.Combine(Path.GetTempPath(), $"livesim-finite-{Guid.NewGuid():N}.jsonl");
    private readonly string _long = Path.Combine(Path.GetTempPath(), $"livesim-long-{Guid.NewGuid():N}.jsonl");
    private readonly Lazy<Task<string>> _longRecording;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<object>>> _once = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public HistoryHostFixture() => _longRecording = new(UploadLongRecordingAsync);

    /// <summary>Where the long recording's feed time starts.</summary>
    public static DateTimeOffset LongStart { get; } = new(2026, 3, 1, 22, 40, 0, TimeSpan.Zero);

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

    /// <summary>The id of the long recording (uploaded on first use).</summary>
    public Task<string> LongRecordingAsync() => _longRecording.Value;

    /// <summary>What <paramref name="make"/> makes, made once for all the tests that ask for <paramref name="key"/>.</summary>
    public async Task<T> OnceAsync<T>(string key, Func<Task<T>> make) =>
        (T)await _once.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => (await make())!)).Value;

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        File.Delete(_capture);
        File.Delete(_long);
    }

    private async Task<string> UploadLongRecordingAsync()
    {
        await using (var writer = new RecordingWriter(File.Create(_long)))
        {
            var game = new SyntheticGameOptions { Seed = 7, TickInterval = TimeSpan.FromMilliseconds(250), Cooldown = TimeSpan.FromSeconds(5) };
            SyntheticCapture.Write("long", game, LongStart, TimeSpan.FromHours(2.5), writer);
        }

        await using var file = File.OpenRead(_long);
        using var response = await Http.PostAsync("/live-sim/recordings?name=long", new StreamContent(file));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"upload returned {(int)response.StatusCode}: {text}");
        return System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("recordingId").GetString()!;
    }
}

[CollectionDefinition(Name)]
public sealed class HistoryCollection : ICollectionFixture<HistoryHostFixture>
{
    public const string Name = "history";
}
