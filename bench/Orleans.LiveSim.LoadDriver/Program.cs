using System.Globalization;
using Orleans.LiveSim.LoadDriver;

if (args is ["recovery", ..])
{
    return await Orleans.LiveSim.LoadDriver.Recovery.RecoveryProgram.RunAsync(args[1..]);
}

var options = DriverOptions.Parse(args);
Console.WriteLine($"LiveSim load driver: sessions {string.Join(",", options.Sessions)}, {options.Seconds} s measured after {options.WarmupSeconds} s warm-up, tick {options.TickMs} ms, config {options.Config}, shards {options.Shards}, batch {options.BatchMs} ms, probe {options.Probe}");
Console.WriteLine($"{Environment.ProcessorCount} cores, Server GC {System.Runtime.GCSettings.IsServerGC}, .NET {Environment.Version}");

// Bounded no matter what: a run that wedges is killed after its whole budget.
var budget = TimeSpan.FromSeconds(options.Sessions.Count * (options.CreateTimeoutSeconds + options.WarmupSeconds + options.Seconds + 240));
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
Console.WriteLine("| sessions | created/s | session-ticks/s (expected) | CPU | delivery p50 / p99 | lag ticks p50 / p99 / max | Get RTT p50 / p99 | gen0/1/2 | GC pause | WS / heap | keeps up |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var r in results)
{
    Console.WriteLine(Row(r));
}

foreach (var r in results)
{
    Console.WriteLine($"sweep {r.Sessions}: {r.FinalSweep}");
}

return 0;

static string Row(RunResult r) =>
    string.Create(CultureInfo.InvariantCulture,
        $"| {r.Sessions:N0} | {r.Created / r.CreateSeconds:N0} ({r.CreateSeconds:0.0} s, CPU {r.CreateCpuPercent:0} %, p50/p99 {Stats.Format(r.CreateP50Ms)}/{Stats.Format(r.CreateP99Ms)} ms) | {r.SessionTicksPerSecond:N0} ({r.ExpectedSessionTicksPerSecond:N0}) | {r.CpuPercent:0} % | " +
        $"{Stats.Format(r.DeliveryP50Ms, " ms")} / {Stats.Format(r.DeliveryP99Ms, " ms")} | {Stats.Format(r.LagTicksP50)} / {Stats.Format(r.LagTicksP99)} / {Stats.Format(r.LagTicksMax)} | " +
        $"{Stats.Format(r.GetRttP50Ms, " ms")} / {Stats.Format(r.GetRttP99Ms, " ms")}{(r.SampleFailures > 0 ? $" ({r.SampleFailures} timed out)" : "")} | {r.Gen0}/{r.Gen1}/{r.Gen2} | {r.GcPausePercent:0.0} % | {r.WorkingSetMb} / {r.HeapMb} MB | {(r.KeepsUp ? "yes" : "no")} |");
