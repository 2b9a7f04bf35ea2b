using System.Net.Http.Json;
using System.Text.Json;

namespace Orleans.LiveSim.LoadDriver;

/// <summary>
/// The watcher side of a run: connects <see cref="DriverOptions.Watchers"/> WebSocket clients to a front silo, lets
/// them warm up, then measures a window. Runs inside the driver's process, or alone in a second process (the
/// <c>--url</c> role), where it prints <see cref="ReadyLine"/> once connected and its result as a JSON line.
/// </summary>
public sealed class WatchRun(DriverOptions options) : IAsyncDisposable
{
    /// <summary>Printed by a watcher process once every client is connected: the driver starts its window then.</summary>
    public const string ReadyLine = "WATCHERS READY";

    private readonly WatcherPool _pool = new();

    /// <summary>The sessions the driver created (ids <c>s000000...</c>, one token): one per watcher, or the first for all.</summary>
    public static IReadOnlyList<(string Id, string Token)> Targets(int sessions, int watchers, bool watchOne, string token) =>
        Enumerable.Range(0, watchers).Select(i => (LoadRun.SessionId(watchOne ? 0 : i % sessions), token)).ToArray();

    public async Task ConnectAsync(Uri url, IReadOnlyList<(string Id, string Token)> targets)
    {
        var before = ProcessSample.Take();
        Console.WriteLine($"[watch] connecting {targets.Count} WebSocket clients to {url} ...");
        await _pool.ConnectAsync(url, targets, 64, n => Console.WriteLine($"[watch]   {n} connected"));
        var counters = _pool.Counters;
        Console.WriteLine($"[watch] {_pool.Connected} connected in {ProcessSample.Take().SecondsSince(before):0.0} s ({counters.ConnectFailures} failed)");
    }

    /// <summary>Measures <paramref name="seconds"/> from now (the caller already waited the warm-up).</summary>
    public async Task<WatchResult> MeasureAsync(int seconds)
    {
        var start = ProcessSample.Take();
        var startCounters = _pool.Counters;
        var startLatency = _pool.Latency.Snapshot();
        for (var elapsed = 0; elapsed < seconds; elapsed += 5)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, seconds - elapsed)));
            var c = _pool.Counters.Since(startCounters);
            Console.WriteLine($"[watch]   t+{ProcessSample.Take().SecondsSince(start),4:0} s  frames {c.Frames}  live_tick {c.Ticks}  lost {c.Lost}  resyncs {c.Resyncs}  closed {c.Closed}");
        }

        var end = ProcessSample.Take();
        var counters = _pool.Counters.Since(startCounters);
        var latency = _pool.Latency.Snapshot();
        return new WatchResult
        {
            Watchers = options.Watchers,
            Connected = _pool.Connected,
            ConnectFailures = counters.ConnectFailures,
            WatchOne = options.WatchOne,
            Seconds = end.SecondsSince(start),
            FramesPerSecond = counters.Frames / end.SecondsSince(start),
            LiveTicks = counters.Ticks,
            P50Ms = LatencyHistogram.Percentile(startLatency, latency, 0.50),
            P99Ms = LatencyHistogram.Percentile(startLatency, latency, 0.99),
            MaxMs = LatencyHistogram.Percentile(startLatency, latency, 1.0),
            Lost = counters.Lost,
            Resyncs = counters.Resyncs,
            Closed = counters.Closed,
            CpuPercent = end.CpuPercentSince(start),
        };
    }

    /// <summary>The <c>--url</c> role: sessions from the driver (with <c>--token</c>) or created here over HTTP, then connect, warm up, measure.</summary>
    public async Task<WatchResult> RunAloneAsync()
    {
        var url = options.Url!;
        var sessions = options.Sessions[0];
        var targets = options.Token is { } token
            ? Targets(sessions, options.Watchers, options.WatchOne, token)
            : await CreateOverHttpAsync(url, options.WatchOne ? 1 : sessions);
        await ConnectAsync(url, targets);
        Console.WriteLine(ReadyLine);
        await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));
        return await MeasureAsync(options.Seconds);
    }

    private async Task<IReadOnlyList<(string Id, string Token)>> CreateOverHttpAsync(Uri url, int sessions)
    {
        Console.WriteLine($"[watch] creating {sessions} sessions on feed '{options.Feed}' over HTTP ...");
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        var created = new (string Id, string Token)[sessions];
        await Parallel.ForEachAsync(Enumerable.Range(0, sessions), new ParallelOptions { MaxDegreeOfParallelism = options.Parallel }, async (i, ct) =>
        {
            using var response = await http.PostAsJsonAsync("/live-sim/sessions", new { feedId = options.Feed }, ct);
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            created[i] = (body.RootElement.GetProperty("id").GetString()!, body.RootElement.GetProperty("accessToken").GetString()!);
        });
        return Enumerable.Range(0, options.Watchers).Select(i => created[i % sessions]).ToArray();
    }

    public ValueTask DisposeAsync() => _pool.DisposeAsync();
}
