using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Recordings;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Feeds.Recording;
using Orleans.LiveSim.Feeds.Synthetic;
using Orleans.LiveSim.Grains.Hosting;
using Orleans.LiveSim.Grains.Recordings;
using Orleans.LiveSim.Store;

namespace Orleans.LiveSim.LoadDriver.Replay;

/// <summary>
/// One run of <c>replay</c>: a fresh in-process silo, the recording imported through <see cref="RecordingImporter"/> (what
/// <c>POST /live-sim/recordings</c> does), then the replays created with <see cref="ISessionGrain.CreateAsync"/> and timed
/// from the first create to the last <c>livesim.sessions.ended</c>, while a reader keeps calling <c>GetAsync</c>.
/// </summary>
public sealed class ReplayRun(ReplayOptions options)
{
    private const string Token = "replay-driver-token-hash";
    private static readonly Caller Owner = Caller.WithToken(Token);

    // The synthetic demo game (seed 42, 250 ms ticks, 15 s cooldowns) gives about 2.5 journal entries per second of play.
    private const double TicksPerSecondOfPlay = 2.5;

    public async Task<int> ExecuteAsync()
    {
        var capture = await CaptureAsync();
        using var counters = new ReplayCounters();
        using var host = BuildHost();
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var clock = Stopwatch.StartNew();
            var import = await host.Services.GetRequiredService<RecordingImporter>().ImportAsync(capture, $"replay-bench-{options.Ticks}");
            var info = import.Info ?? throw new InvalidOperationException($"The recording was refused: {import.Refused?.Limit}.");
            Console.WriteLine($"imported recording {info.RecordingId}: {info.Messages:N0} messages, {info.Ticks:N0} ticks, {info.Rounds:N0} rounds in {clock.Elapsed.TotalSeconds:0.0} s");
            if (info.Ticks < options.Ticks)
            {
                Console.WriteLine($"the recording has {info.Ticks:N0} ticks, fewer than --ticks {options.Ticks:N0}");
                return 1;
            }

            capture = [];
            GC.Collect();
            await using var pg = options.Postgres.Length > 0 ? new PostgresReads(options.Postgres) : null;
            var completed = true;
            for (var round = 1; round <= options.Repeat; round++)
            {
                Console.WriteLine(options.Repeat > 1 ? $"{Environment.NewLine}round {round} of {options.Repeat}" : "");
                var readsBefore = pg is null ? null : await pg.SnapshotAsync();
                var (journalReads, journalRows) = (counters.JournalReads, counters.JournalRows);
                var result = await ReplayAllAsync(grains, info, counters);
                var readsAfter = pg is null ? null : await pg.SnapshotAsync();
                Report(result, counters.JournalReads - journalReads, counters.JournalRows - journalRows, readsBefore, readsAfter);
                completed &= result.Completed == options.Sessions;
            }

            if (options.StopProbe && options.Sessions == 1)
            {
                await StopProbeAsync(grains, info);
            }

            return completed ? 0 : 1;
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StopAsync(stop.Token);
        }
    }

    private async Task<ReplayResult> ReplayAllAsync(IGrainFactory grains, RecordingInfo info, ReplayCounters counters)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(0, options.Sessions).Select(i => $"replay-{run}-{i:D5}").ToArray();
        var source = Source(info);
        var rtts = new ConcurrentBag<double>();
        var loadBefore = LoadAverage();
        var before = ProcessSample.Take();
        var ticksBefore = counters.SessionTicks;
        var started = Stopwatch.GetTimestamp();
        counters.ExpectEnded(options.Sessions);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeoutSeconds));
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
        var reader = ReadWhileRunningAsync(grains, ids, rtts, reading.Token);
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Length), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
            await grains.GetGrain<ISessionGrain>(ids[i]).CreateAsync(new CreateSessionCommand(Config(i), source, Token, DateTimeOffset.UtcNow)));
        var created = Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"{ids.Length} replay(s) created in {created.TotalMilliseconds:0} ms; waiting for them to end");
        var ended = await counters.AllEndedAsync(deadline.Token);
        var elapsed = Stopwatch.GetElapsedTime(started, ended);
        await reading.CancelAsync();
        await reader;
        var after = ProcessSample.Take();
        var loadAfter = LoadAverage();

        var views = new List<SessionView>();
        foreach (var id in ids)
        {
            views.Add((await grains.GetGrain<ISessionGrain>(id).GetAsync(Owner)).View!);
        }

        return new ReplayResult(
            ids.Length,
            views.Count(v => v.Status == SessionStatus.Completed && v.Connection.LastSeq == options.Ticks && v.Stats.TicksProcessed == options.Ticks),
            elapsed,
            counters.SessionTicks - ticksBefore,
            after.CpuPercentSince(before),
            after.Gen0 - before.Gen0,
            after.Gen1 - before.Gen1,
            after.Gen2 - before.Gen2,
            after.WorkingSet / 1_048_576,
            rtts.ToArray(),
            views.Select(v => v.StateHash).Distinct().ToArray(),
            $"{views[0].Status} ({views[0].StatusReason}), lastSeq {views[0].Connection.LastSeq:N0}, ticksProcessed {views[0].Stats.TicksProcessed:N0}, gamesSeen {views[0].Stats.GamesSeen:N0}, betsPlaced {views[0].Stats.BetsPlaced:N0}",
            loadBefore,
            loadAfter);
    }

    /// <summary>Reads one running session after another (round-robin) every <c>--get-every-ms</c>, timing each call.</summary>
    private async Task ReadWhileRunningAsync(IGrainFactory grains, string[] ids, ConcurrentBag<double> rtts, CancellationToken token)
    {
        var next = 0;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.GetEveryMs, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var t0 = Stopwatch.GetTimestamp();
            var reply = await grains.GetGrain<ISessionGrain>(ids[next++ % ids.Length]).GetAsync(Owner);
            if (reply.View?.Status == SessionStatus.Running)
            {
                rtts.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        }
    }

    /// <summary>One more replay, stopped once it has applied some entries: how long <c>StopAsync</c> takes, and what it leaves.</summary>
    private async Task StopProbeAsync(IGrainFactory grains, RecordingInfo info)
    {
        var session = grains.GetGrain<ISessionGrain>($"replay-stop-{Guid.NewGuid():N}");
        await session.CreateAsync(new CreateSessionCommand(Config(0), Source(info), Token, DateTimeOffset.UtcNow));
        SessionView view;
        do
        {
            view = (await session.GetAsync(Owner)).View!;
        }
        while (view.Status == SessionStatus.Running && view.Connection.LastSeq < options.Ticks / 10);

        var t0 = Stopwatch.GetTimestamp();
        var stopped = (await session.StopAsync(Owner)).View!;
        var rtt = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        var again = (await session.GetAsync(Owner)).View!;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stop probe: StopAsync answered in {rtt:0.0} ms after seq {view.Connection.LastSeq:N0} was seen applied; status {stopped.Status}, " +
            $"lastSeq {stopped.Connection.LastSeq:N0}; a read afterwards: lastSeq {again.Connection.LastSeq:N0}, same hash {again.StateHash == stopped.StateHash}"));
    }

    private void Report(ReplayResult r, long journalReads, long journalRows, PostgresReads.Snapshot? before, PostgresReads.Snapshot? after)
    {
        var mode = options.Postgres.Length > 0 ? "PostgreSQL" : "memory";
        var rate = r.SessionTicks / r.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mode}: {r.Sessions} replay(s) of {options.Ticks:N0} ticks: {r.Completed} completed with every tick in {r.Elapsed.TotalSeconds:0.000} s = " +
            $"{rate:N0} session-ticks/s ({rate / r.Sessions:N0} per session); CPU {r.CpuPercent:0} % of {Environment.ProcessorCount} cores; " +
            $"gen0/1/2 {r.Gen0}/{r.Gen1}/{r.Gen2}; WS {r.WorkingSetMb} MB; load average {r.LoadBefore} before, {r.LoadAfter} after"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GetAsync while replaying: {r.Rtts.Length} reads, p50 {Stats.Format(Stats.Percentile(r.Rtts, 0.5), " ms")}, p99 {Stats.Format(Stats.Percentile(r.Rtts, 0.99), " ms")}, max {Stats.Format(r.Rtts.Length == 0 ? null : r.Rtts.Max(), " ms")}"));
        Console.WriteLine($"state hashes: {string.Join(", ", r.Hashes.Take(5))}{(r.Hashes.Length > 5 ? $" ... ({r.Hashes.Length} distinct)" : "")}; first session: {r.First}");
        if (journalReads > 0 || journalRows > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"journal reads from PostgreSQL (silo counters): {journalReads:N0} queries, {journalRows:N0} rows"));
        }

        if (before is not null && after is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"livesim_feed_journal (pg_stat_user_tables): {after.IndexScans - before.IndexScans:N0} index scans, {after.RowsFetched - before.RowsFetched:N0} rows fetched"));
        }
    }

    private SessionSource Source(RecordingInfo info) =>
        new(info.FeedId, SessionMode.Replay, 1, options.Ticks, ReplaySpeed.Max, info.RecordingId, ProviderKind.Recording);

    private SessionConfig Config(int i) => options.Config == "default"
        ? SessionConfig.Default
        : new SessionConfig(1m, TickScheduleStrategy.StrategyId, new StrategyParameters { EntryTick = 10 + (i % 90), NumBets = 4, Cooldown = 5, BetSizes = [0.001m] }, SidebetRules.Default);

    private async Task<byte[]> CaptureAsync()
    {
        var clock = Stopwatch.StartNew();
        if (options.Capture.Length > 0)
        {
            var bytes = await File.ReadAllBytesAsync(options.Capture);
            Console.WriteLine($"read capture {options.Capture}: {bytes.Length / 1_048_576} MB");
            return bytes;
        }

        // What `record --feed demo --seconds N` writes (the same generator and options), with room to spare for the ticks asked for.
        var seconds = (int)Math.Ceiling(options.Ticks / TicksPerSecondOfPlay * 1.05) + 600;
        using var buffer = new MemoryStream();
        long messages;
        await using (var writer = new RecordingWriter(buffer, leaveOpen: true))
        {
            var game = new SyntheticGameOptions { Seed = 42, TickInterval = TimeSpan.FromMilliseconds(250), Cooldown = TimeSpan.FromSeconds(15) };
            messages = SyntheticCapture.Write("demo", game, SyntheticCapture.DefaultStart, TimeSpan.FromSeconds(seconds), writer);
        }

        Console.WriteLine($"generated capture: {seconds:N0} s of the demo game (seed 42), {messages:N0} messages, {buffer.Length / 1_048_576} MB in {clock.Elapsed.TotalSeconds:0.0} s");
        return buffer.ToArray();
    }

    private IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder();
        var settings = new Dictionary<string, string?>
        {
            ["LiveSim:Feeds:demo:AutoStart"] = "false",
            // The generated recording yields more entries than --ticks (which replays its first ones): keep all of them.
            ["LiveSim:MemoryJournalEntries"] = Math.Max(InMemoryFeedJournal.DefaultCapacity, 2 * options.Ticks).ToString(CultureInfo.InvariantCulture),
            // A generated capture of a million ticks is some 300 MB: past the anonymous caller's upload limits.
            ["LiveSim:Quotas:Anonymous:RecordingBytes"] = "4294967296",
            ["LiveSim:Recordings:MaxBytes"] = "4294967296",
            ["LiveSim:Recordings:MaxTotalBytes"] = "8589934592",
            ["LiveSim:Quotas:Anonymous:RunningSessions"] = "10000000",
        };
        if (options.Postgres.Length > 0)
        {
            settings[LiveSimStoreOptions.ConnectionStringKey] = options.Postgres;
            settings[LiveSimStoreOptions.AutoMigrateKey] = "true";
        }

        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        var (siloPort, gatewayPort) = (FreePort(), FreePort());
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort);
            silo.AddLiveSim();
            if (options.Postgres.Length > 0)
            {
                silo.AddLiveSimPostgres(builder.Configuration);
            }
        });
        return builder.Build();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record ReplayResult(
        int Sessions,
        int Completed,
        TimeSpan Elapsed,
        long SessionTicks,
        double CpuPercent,
        int Gen0,
        int Gen1,
        int Gen2,
        long WorkingSetMb,
        double[] Rtts,
        string[] Hashes,
        string First,
        string LoadBefore,
        string LoadAfter);
}
