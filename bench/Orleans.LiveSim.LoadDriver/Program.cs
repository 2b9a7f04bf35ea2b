using System.Globalization;
using System.Text.Json;
using Orleans.LiveSim.LoadDriver;

if (args is ["recovery", ..])
{
    return await Orleans.LiveSim.LoadDriver.Recovery.RecoveryProgram.RunAsync(args[1..]);
}

if (args is ["replay", ..])
{
    return await Orleans.LiveSim.LoadDriver.Replay.ReplayProgram.RunAsync(args[1..]);
}

var options = DriverOptions.Parse(args);
if (RecommendedGc.Applies(options))
{
    return await RecommendedGc.RunAgainAsync(args);
}

var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
if (options.Url is not null)
{
    // The watcher-only role: WebSocket clients against a running front silo (a second process of this driver, or any silo).
    await using var watch = new WatchRun(options);
    var watched = await watch.RunAloneAsync();
    Console.WriteLine(WatchRow(watched));
    Console.WriteLine(JsonSerializer.Serialize(watched, json));
    return 0;
}

Console.WriteLine($"LiveSim load driver: sessions {string.Join(",", options.Sessions)}, {options.Seconds} s measured after {options.WarmupSeconds} s warm-up, tick {options.TickMs} ms, config {options.Config}, shards {options.Shards}, batch {options.BatchMs} ms, probe {options.Probe}, stream poll {options.StreamPollMs?.ToString(CultureInfo.InvariantCulture) ?? "default"} ms, queues {options.StreamQueues?.ToString(CultureInfo.InvariantCulture) ?? "default"}, watchers {options.Watchers}{(options.WatchOne ? " on one session" : "")}{string.Concat(options.Settings.Select(kv => $", {kv.Key}={kv.Value}"))}");
Console.WriteLine($"{Environment.ProcessorCount} cores, Server GC {System.Runtime.GCSettings.IsServerGC} ({GcSettings()}), .NET {Environment.Version}, load average {LoadAverage()}");

// Bounded no matter what: a run that wedges is killed after its whole budget.
var budget = TimeSpan.FromSeconds(options.Sessions.Count * ((2 * options.CreateTimeoutSeconds) + options.WarmupSeconds + options.Seconds + 240));
using var watchdog = new Timer(_ =>
{
    Console.WriteLine($"watchdog: budget of {budget} exceeded, exiting");
    Environment.Exit(3);
}, null, budget, Timeout.InfiniteTimeSpan);

var results = new List<RunResult>();
foreach (var n in options.Sessions)
{
    results.Add(await new LoadRun(options, n) { Measured = r => Console.WriteLine($"[{n}] result: {Row(r)}") }.ExecuteAsync());
    GC.Collect();
}

Console.WriteLine();
Console.WriteLine("| sessions | created/s | session-ticks/s (expected) | CPU | delivery p50 / p99 | fan-out p50 / p99 / max (stream hop p50 / p99) | lag ticks p50 / p99 / max | Get RTT p50 / p99 | gen0/1/2 | GC pause | WS / heap | keeps up |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var r in results)
{
    Console.WriteLine(Row(r));
}

foreach (var r in results.Where(r => r.Watch is not null))
{
    // Each event reaches this front silo once (one room call per watched session); its clients get copies of that one text.
    Console.WriteLine(WatchRow(r.Watch!) + string.Create(CultureInfo.InvariantCulture, $" | room calls {r.RoomCalls:N0} carrying {r.RoomEvents:N0} events: {r.Watch!.FramesPerSecond * r.Watch.Seconds / Math.Max(1, r.RoomEvents):0.0} client frames per event serialized |"));
}

foreach (var r in results)
{
    Console.WriteLine($"sweep {r.Sessions}: {r.FinalSweep}");
}

foreach (var r in results.Where(r => r.Bus is not null))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bus {r.Sessions}: {r.Bus!.AckedPerSecond:N0} events/s acknowledged by JetStream ({string.Join(",", options.BusEvents)}); duplicates {r.Bus.Duplicates}, failed {r.Bus.Failed}, refused {r.Bus.Refused}, lag at end {r.Bus.LagAtEnd} events"));
}

Console.WriteLine($"load average at the end {LoadAverage()}");
foreach (var r in results)
{
    Console.WriteLine(JsonSerializer.Serialize(r, json));
}

return 0;

static string Row(RunResult r) =>
    string.Create(CultureInfo.InvariantCulture,
        $"| {r.Sessions:N0} | {r.Created / r.CreateSeconds:N0} ({r.CreateSeconds:0.0} s, CPU {r.CreateCpuPercent:0} %, p50/p99 {Stats.Format(r.CreateP50Ms)}/{Stats.Format(r.CreateP99Ms)} ms) | {r.SessionTicksPerSecond:N0} ({r.ExpectedSessionTicksPerSecond:N0}) | {r.CpuPercent:0} % | " +
        $"{Stats.Format(r.DeliveryP50Ms, " ms")} / {Stats.Format(r.DeliveryP99Ms, " ms")} | {Stats.Format(r.FanoutP50Ms)} / {Stats.Format(r.FanoutP99Ms)} / {Stats.Format(r.FanoutMaxMs, " ms")} ({Stats.Format(r.StreamHopP50Ms)} / {Stats.Format(r.StreamHopP99Ms, " ms")}) | {Stats.Format(r.LagTicksP50)} / {Stats.Format(r.LagTicksP99)} / {Stats.Format(r.LagTicksMax)} | " +
        $"{Stats.Format(r.GetRttP50Ms, " ms")} / {Stats.Format(r.GetRttP99Ms, " ms")}{(r.SampleFailures > 0 ? $" ({r.SampleFailures} timed out)" : "")} | {r.Gen0}/{r.Gen1}/{r.Gen2} | {r.GcPausePercent:0.0} % | {r.WorkingSetMb} / {r.HeapMb} MB | {(r.KeepsUp ? "yes" : "no")} |");

static string WatchRow(WatchResult w) =>
    string.Create(CultureInfo.InvariantCulture,
        $"| watchers {w.Connected:N0}/{w.Watchers:N0}{(w.WatchOne ? " on one session" : "")} | {w.FramesPerSecond:N0} frames/s | live_tick {w.LiveTicks:N0} | feed receive -> client p50 {Stats.Format(w.P50Ms)} / p99 {Stats.Format(w.P99Ms)} / max {Stats.Format(w.MaxMs, " ms")} | lost {w.Lost} | resyncs {w.Resyncs} | closed {w.Closed} | watcher CPU {w.CpuPercent:0} %");

// The GC knobs a run was started with (DOTNET_GC* environment variables override the runtimeconfig), for the record.
static string GcSettings()
{
    var knobs = Environment.GetEnvironmentVariables().Keys.Cast<string>()
        .Where(k => k.StartsWith("DOTNET_GC", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_gc", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .Select(k => $"{k}={Environment.GetEnvironmentVariable(k)}");
    var text = string.Join(" ", knobs);
    return text.Length == 0 ? "runtime defaults" : text;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
