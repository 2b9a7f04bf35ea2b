using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;
using Orleans.LiveSim.Grains.Delivery;
using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.LoadDriver;

/// <summary>
/// One run: a fresh silo on loopback with the LiveSim grains and one synthetic feed, <c>sessions</c> live sessions
/// created through <see cref="ISessionGrain.CreateAsync"/>, then a measured window, then a sweep over every session.
/// </summary>
public sealed class LoadRun(DriverOptions options, int sessions)
{
    private const string FeedId = SiloHost.FeedId;

    // The sessions' access token: with the front silo, watchers present it and the session compares its hash.
    private const string Token = "load-driver-token";
    private static readonly string TokenHash = AccessTokens.Hash(Token);
    private static readonly Caller Owner = Caller.WithToken(TokenHash);

    private static readonly SessionConfig BettingHeavy = new(
        1_000_000m,
        TickScheduleStrategy.StrategyId,
        new StrategyParameters { EntryTick = 1, NumBets = 1000, Cooldown = 0, BetSizes = [0.001m] },
        SidebetRules.Default);

    private readonly FeedProbe _probe = new();
    private readonly ObserverProbe _observers = new();

    // Stopping a silo with 100k busy activations logs tens of thousands of placement failures for the one-way calls
    // still queued; they say nothing about the measurement, so the driver stops logging once it has its numbers.
    private volatile bool _stopping;

    /// <summary>Called with the result as soon as it is measured, before the silo stops.</summary>
    public Action<RunResult>? Measured { get; init; }

    public static string SessionId(int i) => $"s{i:D6}";

    public async Task<RunResult> ExecuteAsync()
    {
        using var meters = new SiloMeters(options.Probe);
        var silo = new SiloHost(options, _probe, _observers, () => _stopping);
        using var host = silo.Build();
        await host.StartAsync();
        try
        {
            _observers.Local = host.Services.GetRequiredService<LocalSessionObservers>();
            var result = await MeasureAsync(host.Services.GetRequiredService<IGrainFactory>(), meters, silo.Url);
            Measured?.Invoke(result);
            return result;
        }
        finally
        {
            _stopping = true;
            Console.WriteLine($"[{sessions}] stopping the silo (at most 30 s)");
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StopAsync(stop.Token);
        }
    }

    private async Task<RunResult> MeasureAsync(IGrainFactory grains, SiloMeters meters, Uri? url)
    {
        var feed = grains.GetGrain<IFeedAdapterGrain>(FeedId);
        await feed.EnsureRunningAsync();
        var creation = await CreateSessionsAsync(grains);
        var ids = Enumerable.Range(0, creation.Created).Select(SessionId).ToArray();

        // Watchers connect before the warm-up, so the window sees them all at their steady state.
        WatchRun? inProcess = null;
        WatcherProcess? second = null;
        if (options.Watchers > 0 && url is not null)
        {
            if (options.WatchersInProcess)
            {
                inProcess = new WatchRun(options);
                await inProcess.ConnectAsync(url, WatchRun.Targets(creation.Created, options.Watchers, options.WatchOne, Token));
            }
            else
            {
                second = WatcherProcess.Start(options, url, creation.Created, Token);
                await second.WaitReadyAsync(TimeSpan.FromSeconds(options.CreateTimeoutSeconds));
            }
        }

        try
        {
            // Creating the sessions left hundreds of MB of them in gen1, and until a gen1 collection moves them to gen2 every
            // gen0 collection scans the cards that point at them; with a large gen0 budget that first gen1 comes a minute or
            // more later, inside the window, as one pause of 300-450 ms. One gen1 collection now puts it in the warm-up,
            // so the window measures the steady state (BENCHMARKS.md says so with the results).
            var gen1 = Stopwatch.StartNew();
            GC.Collect(1, GCCollectionMode.Forced, blocking: true);
            Console.WriteLine($"[{sessions}] warm-up {options.WarmupSeconds} s (after one gen1 collection: {gen1.ElapsedMilliseconds} ms)");
            await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));
            var watching = inProcess?.MeasureAsync(options.Seconds);
            var (roomCalls, roomEvents) = (_observers.Calls, _observers.Events);
            var result = await WindowAsync(grains, meters, feed, ids, creation);
            (roomCalls, roomEvents) = (_observers.Calls - roomCalls, _observers.Events - roomEvents);
            var watch = watching is not null ? await watching
                : second is not null ? await second.ResultAsync(TimeSpan.FromSeconds(options.Seconds + 120))
                : null;
            return result with
            {
                Watch = watch,
                RoomCalls = roomCalls,
                RoomEvents = roomEvents,
            };
        }
        finally
        {
            // Rooms are dropped as their clients leave while sessions still send to them: nothing to report.
            _stopping = true;
            if (inProcess is not null)
            {
                await inProcess.DisposeAsync();
            }

            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }

    private async Task<Creation> CreateSessionsAsync(IGrainFactory grains)
    {
        var config = options.Config == "default" ? SessionConfig.Default : BettingHeavy;
        Console.WriteLine($"[{sessions}] creating {sessions} sessions, {options.Parallel} in flight ...");
        var created = 0;
        var createFailures = 0;
        var createMs = new ConcurrentBag<double>();
        var before = ProcessSample.Take();
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(options.CreateTimeoutSeconds)))
        {
            try
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, sessions), new ParallelOptions { MaxDegreeOfParallelism = options.Parallel, CancellationToken = deadline.Token }, async (i, _) =>
                {
                    var t0 = Stopwatch.GetTimestamp();
                    SessionReply reply;
                    try
                    {
                        reply = await grains.GetGrain<ISessionGrain>(SessionId(i)).CreateAsync(new CreateSessionCommand(config, new SessionSource(FeedId, SessionMode.Live), TokenHash, DateTimeOffset.UtcNow, BusEvents: options.Nats is null ? null : options.BusEvents));
                    }
                    catch (TimeoutException)
                    {
                        // Orleans' 30 s response timeout: the silo is overloaded; count it and go on.
                        Interlocked.Increment(ref createFailures);
                        return;
                    }

                    createMs.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    if (reply.Access == SessionAccess.Ok && Interlocked.Increment(ref created) % 10_000 == 0)
                    {
                        Console.WriteLine($"[{sessions}]   {created} created after {ProcessSample.Take().SecondsSince(before):0.0} s");
                    }
                });
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine($"[{sessions}] creation deadline ({options.CreateTimeoutSeconds} s) reached with {created} sessions");
            }
        }

        var after = ProcessSample.Take();
        var creation = new Creation(created, after.SecondsSince(before), after.CpuPercentSince(before), Stats.Percentile(createMs, 0.5), Stats.Percentile(createMs, 0.99));
        Console.WriteLine($"[{sessions}] {created} created in {creation.Seconds:0.0} s ({createFailures} timed out; {created / creation.Seconds:0} /s, CPU {creation.CpuPercent:0} %, CreateAsync p50 {Stats.Format(creation.P50Ms, " ms")} / p99 {Stats.Format(creation.P99Ms, " ms")})");
        return creation;
    }

    private sealed record Creation(int Created, double Seconds, double CpuPercent, double? P50Ms, double? P99Ms);

    private async Task<RunResult> WindowAsync(IGrainFactory grains, SiloMeters meters, IFeedAdapterGrain feed, string[] ids, Creation creation)
    {
        long SessionTicks() => meters.SessionTicks;
        var created = creation.Created;
        var liveStart = options.LiveHeap ? LiveHeapBytes() : 0;
        using var allocations = options.AllocProfile ? new AllocationProfile() : null;
        allocations?.Start();
        var startView = await feed.GetViewAsync();
        var start = ProcessSample.Take();
        var startTicks = SessionTicks();
        var startBus = meters.Bus;
        var startLatency = meters.SessionDelay.Snapshot();
        var startFanout = meters.FanoutDelay.Snapshot();
        var startHop = _probe.StreamHop.Snapshot();
        var lags = new ConcurrentBag<double>();
        var rtts = new ConcurrentBag<double>();
        var failures = 0;
        using var window = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds));
        var sampler = SampleLoopAsync(grains, ids, lags, rtts, () => Interlocked.Increment(ref failures), window.Token);
        var last = start;
        var lastTicks = startTicks;
        var lastBus = startBus;
        // Two arrays swapped every interval, rather than a new 4.8 MB one every 5 s in the process being measured.
        var lastLatency = meters.SessionDelay.Snapshot();
        long[]? spareLatency = null;
        while (!window.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), window.Token);
            }
            catch (OperationCanceledException)
            {
            }

            var now = ProcessSample.Take();
            var ticks = SessionTicks();
            var bus = meters.Bus;
            var latency = meters.SessionDelay.Snapshot(spareLatency);
            // Per interval, so a tail can be told apart from a spike (a collection, a burst of state writes).
            var latencyText = $"  delivery p50/p99 {LatencyHistogram.Percentile(lastLatency, latency, 0.50),4:0}/{LatencyHistogram.Percentile(lastLatency, latency, 0.99),4:0} ms  GC pause {(now.GcPause - last.GcPause).TotalMilliseconds,5:0} ms";
            var busText = options.Nats is null ? "" : $"  bus acked/s {(bus.Acked - lastBus.Acked) / now.SecondsSince(last),7:0} (failed {bus.Failed - lastBus.Failed}, refused {bus.Refused - lastBus.Refused}, lag {bus.Lag})";
            Console.WriteLine($"[{sessions}]   t+{now.SecondsSince(start),5:0} s  session-ticks/s {(ticks - lastTicks) / now.SecondsSince(last),9:0}  CPU {now.CpuPercentSince(last),3:0} %  WS {now.WorkingSet / 1_048_576} MB  heap {now.HeapBytes / 1_048_576} MB  gen0/1/2 {now.Gen0}/{now.Gen1}/{now.Gen2}{latencyText}{busText}");
            (last, lastTicks, lastBus, lastLatency, spareLatency) = (now, ticks, bus, latency, lastLatency);
        }

        await sampler;
        var end = ProcessSample.Take();
        var endTicks = SessionTicks();
        var endBus = meters.Bus;
        var endLatency = meters.SessionDelay.Snapshot();
        var endFanout = meters.FanoutDelay.Snapshot();
        var endHop = _probe.StreamHop.Snapshot();
        var endView = await feed.GetViewAsync();
        if (allocations is not null)
        {
            Console.WriteLine($"[{sessions}] allocated in the window, by type (sampled):");
            allocations.Top(25).ToList().ForEach(Console.WriteLine);
            var gc = GC.GetGCMemoryInfo();
            Console.WriteLine($"[{sessions}] generation sizes after the last GC: {string.Join(", ", Enumerable.Range(0, gc.GenerationInfo.Length).Select(g => $"gen{g} {gc.GenerationInfo[g].SizeAfterBytes / 1_048_576} MB"))}; fragmented {gc.FragmentedBytes / 1_048_576} MB, promoted {gc.PromotedBytes / 1_048_576} MB, GC #{gc.Index}");
        }

        if (options.LiveHeap)
        {
            var liveEnd = LiveHeapBytes();
            Console.WriteLine($"[{sessions}] live heap after full GC: {liveStart / 1_048_576} MB at the window's start, {liveEnd / 1_048_576} MB at its end: " +
                $"+{(liveEnd - liveStart) / 1_048_576} MB, {(double)(liveEnd - liveStart) / created:0} B per session over {endView.LastSeq - startView.LastSeq} feed ticks");
        }

        var seconds = end.SecondsSince(start);
        var feedRate = (endView.LastSeq - startView.LastSeq) / seconds;
        var sessionRate = (endTicks - startTicks) / seconds;

        var sweep = options.FinalSweep ? await SweepAsync(grains, ids) : "-";
        var lagList = lags.ToArray();
        var p99Lag = Stats.Percentile(lagList, 0.99);
        var deliveryP99 = LatencyHistogram.Percentile(startLatency, endLatency, 0.99);
        return new RunResult
        {
            Sessions = sessions,
            Created = created,
            CreateSeconds = creation.Seconds,
            CreateCpuPercent = creation.CpuPercent,
            CreateP50Ms = creation.P50Ms,
            CreateP99Ms = creation.P99Ms,
            FeedTicksPerSecond = feedRate,
            SessionTicksPerSecond = sessionRate,
            CpuPercent = end.CpuPercentSince(start),
            DeliveryP50Ms = LatencyHistogram.Percentile(startLatency, endLatency, 0.50),
            DeliveryP99Ms = deliveryP99,
            FanoutP50Ms = LatencyHistogram.Percentile(startFanout, endFanout, 0.50),
            FanoutP99Ms = LatencyHistogram.Percentile(startFanout, endFanout, 0.99),
            FanoutMaxMs = LatencyHistogram.Percentile(startFanout, endFanout, 1.0),
            StreamHopP50Ms = LatencyHistogram.Percentile(startHop, endHop, 0.50),
            StreamHopP99Ms = LatencyHistogram.Percentile(startHop, endHop, 0.99),
            LagTicksP50 = Stats.Percentile(lagList, 0.50),
            LagTicksP99 = p99Lag,
            LagTicksMax = lagList.Length == 0 ? null : lagList.Max(),
            GetRttP50Ms = Stats.Percentile(rtts.ToArray(), 0.50),
            GetRttP99Ms = Stats.Percentile(rtts.ToArray(), 0.99),
            SampleFailures = failures,
            Gen0 = end.Gen0 - start.Gen0,
            Gen1 = end.Gen1 - start.Gen1,
            Gen2 = end.Gen2 - start.Gen2,
            GcPausePercent = 100.0 * (end.GcPause - start.GcPause).TotalSeconds / seconds,
            WorkingSetMb = end.WorkingSet / 1_048_576,
            HeapMb = end.HeapBytes / 1_048_576,
            FinalSweep = sweep,
            Bus = options.Nats is null ? null : new BusResult((endBus.Acked - startBus.Acked) / seconds, endBus.Duplicates - startBus.Duplicates, endBus.Failed - startBus.Failed, endBus.Refused - startBus.Refused, endBus.Lag),
            // Keeping up: the sessions apply (nearly) every tick the feed makes, and the sampled lag stays within
            // about a second of ticks (4 at 4 Hz) at p99.
            KeepsUp = created == sessions && sessionRate >= 0.97 * created * feedRate && p99Lag is <= 4 && (deliveryP99 ?? 0) < 1000,
        };
    }

    /// <summary>
    /// Every 2 s, reads <see cref="DriverOptions.Sample"/> random sessions. The view's feed seq comes from the feed
    /// grain while the session's call runs, so <c>FeedLastSeq - LastSeq</c> is how far behind the feed the session
    /// is at that moment; the call's round trip includes the wait behind the one-way calls queued at the session.
    /// </summary>
    private async Task SampleLoopAsync(IGrainFactory grains, string[] ids, ConcurrentBag<double> lags, ConcurrentBag<double> rtts, Action failed, CancellationToken token)
    {
        if (ids.Length == 0)
        {
            return;
        }

        while (!token.IsCancellationRequested)
        {
            var picks = Enumerable.Range(0, Math.Min(options.Sample, ids.Length)).Select(_ => ids[Random.Shared.Next(ids.Length)]).ToArray();
            await Parallel.ForEachAsync(picks, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, _) =>
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var view = (await grains.GetGrain<ISessionGrain>(id).GetAsync(Owner).WaitAsync(TimeSpan.FromSeconds(30))).View!;
                    rtts.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    lags.Add(Math.Max(0, view.Connection.FeedLastSeq - view.Connection.LastSeq));
                }
                catch (TimeoutException)
                {
                    failed();
                }
            });
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>Reads every session once: total ticks applied and how far behind the feed each one is at the end.</summary>
    private async Task<string> SweepAsync(IGrainFactory grains, string[] ids)
    {
        var lags = new long[ids.Length];
        long applied = 0;
        var read = 0;
        var started = Stopwatch.GetTimestamp();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, ids.Length), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = deadline.Token }, async (i, _) =>
            {
                var view = (await grains.GetGrain<ISessionGrain>(ids[i]).GetAsync(Owner)).View!;
                Interlocked.Add(ref applied, view.Stats.TicksProcessed);
                lags[i] = Math.Max(0, view.Connection.FeedLastSeq - view.Connection.LastSeq);
                Interlocked.Increment(ref read);
            });
        }
        catch (OperationCanceledException)
        {
        }

        var done = lags.Take(read).Order().ToArray();
        var text = done.Length == 0
            ? "no session read in 120 s"
            : $"{read}/{ids.Length} read in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s; {applied:N0} session-ticks applied in all; lag at end p50 {done[done.Length / 2]} / p99 {done[Math.Min(done.Length - 1, (int)(done.Length * 0.99))]} / max {done[^1]} ticks";
        Console.WriteLine($"[{sessions}] sweep: {text}");
        return text;
    }

    private static long LiveHeapBytes()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(false);
    }
}
