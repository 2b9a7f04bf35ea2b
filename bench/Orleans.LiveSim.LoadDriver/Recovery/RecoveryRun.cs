using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Orleans.LiveSim.LoadDriver.Recovery;

/// <summary>
/// One recovery run: silos on a fresh database, sessions created over HTTP, kill -9 of the first silo and a replacement
/// on its ports at once, then sampled every 250 ms: when the replacement is ready, when every moved session has applied
/// a live batch again (<c>livesim_sessions_caught_up_total</c>), failed activations, database retries, the feed's
/// longest pause, connections held, log lines. Ends with every session read and audited.
/// </summary>
public sealed class RecoveryRun(RecoveryOptions o)
{
    private const string Body = """{"strategy":{"params":{"entryTick":1,"numBets":5,"cooldown":0,"betSizes":[0.001]}}}""";
    private static readonly TimeSpan Sample = TimeSpan.FromMilliseconds(250);

    private sealed record Session(string Id, string Token, long LastSeqAtCreation);

    public async Task<RecoveryResult> ExecuteAsync()
    {
        var database = $"livesim_recovery_{DateTime.UtcNow:yyyyMMddHHmmss}";
        // Opened before any silo: a storm can take every connection the server has, and the driver must still look.
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(o.Postgres) { Pooling = false, ApplicationName = "recovery-driver" }.ConnectionString);
        await admin.OpenAsync();
        await ExecuteAsync(admin, $"CREATE DATABASE {database}");
        var connectionString = new NpgsqlConnectionStringBuilder(o.Postgres) { Database = database }.ConnectionString;
        await using var run = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "recovery-driver" }.ConnectionString);
        var logs = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), database)).FullName;
        var arguments = new List<string>
        {
            "--LiveSim:Storage=Postgres",
            "--LiveSim:Clustering=Postgres",
            $"--ConnectionStrings:LiveSim={connectionString}",
            "--LiveSim:Database:AutoMigrate=true",
            // Its sessions are created anonymously, far past the quota all anonymous callers share by default.
            "--LiveSim:Quotas:Anonymous:RunningSessions=10000000",
        };
        arguments.AddRange(o.SiloArguments);
        Console.WriteLine($"database {database}, silo logs in {logs}, silo arguments: {string.Join(' ', o.SiloArguments)}");

        var silos = new List<SiloUnderTest>();
        try
        {
            await run.OpenAsync();
            for (var i = 0; i < o.Silos; i++)
            {
                var silo = SiloUnderTest.Start(o.SiloDll, arguments, Path.Combine(logs, $"silo{i + 1}.log"));
                silos.Add(silo);
                await WaitReadyAsync(silo, TimeSpan.FromSeconds(120));
                Console.WriteLine($"silo {i + 1} ready in {silo.Age:0.0} s (http {silo.HttpPort}, silo port {silo.SiloPort})");
            }

            var sessions = await CreateAsync(silos);
            Console.WriteLine($"warm-up {o.WarmupSeconds} s");
            var steady = Math.Min(10, o.WarmupSeconds);
            await Task.Delay(TimeSpan.FromSeconds(o.WarmupSeconds - steady));
            var victim = silos[0];
            var survivors = silos.Skip(1).ToList();
            var hosted = new List<int> { sessions.Count };
            if (survivors.Count > 0)
            {
                var hosts = await ReadAllAsync(survivors[0], sessions);
                hosted = silos.Select(s => hosts.Count(v => HostPort(v.View) == s.SiloPort)).ToList();
            }

            var moved = hosted[0];
            var start = new List<Dictionary<string, double>>();
            foreach (var s in silos)
            {
                start.Add(await s.MetricsAsync());
            }

            var window = Stopwatch.StartNew();
            var pauseBefore = await LongestFeedPauseAsync(silos, TimeSpan.FromSeconds(steady));
            var end = new List<Dictionary<string, double>>();
            foreach (var s in silos)
            {
                end.Add(await s.MetricsAsync());
            }

            var messages = SteadyMessages.From(window.Elapsed.TotalSeconds, hosted, start, end);
            Console.WriteLine(messages);

            var before = new List<Dictionary<string, double>>();
            foreach (var s in survivors)
            {
                before.Add(await s.MetricsAsync());
            }

            var survivorLines = survivors.Sum(s => s.Lines);
            var loadBefore = LoadAverage();
            Console.WriteLine($"kill -9 silo 1 ({moved} of {sessions.Count} sessions on it); starting the replacement on its ports; load average {loadBefore}");
            await victim.KillAsync();
            var replacement = SiloUnderTest.Start(o.SiloDll, arguments, Path.Combine(logs, "replacement.log"), victim.HttpPort, victim.SiloPort, victim.GatewayPort);
            silos.Add(replacement);
            var result = await ObserveAsync(admin, database, replacement, survivors, before, moved);
            result.FeedLongestPauseBeforeKillSeconds = pauseBefore;
            result.Steady = messages;
            result.Sessions = sessions.Count;
            result.Silos = o.Silos;
            result.LogLines = replacement.Lines + survivors.Sum(s => s.Lines) - survivorLines;
            result.LoadBefore = loadBefore;
            result.LoadAfter = LoadAverage();

            // Before reading: a session read later can only be further along.
            var feedNow = await FeedLastSeqAsync(run);
            var views = await ReadAllAsync(replacement, sessions);
            result.Audited = views.Count;
            result.Consistent = views.Count(v => Consistent(v.Session, v.View));
            result.Current = views.Count(v => v.View.GetProperty("status").GetString() == "running" && LastSeq(v.View) >= feedNow - 8);
            return result;
        }
        finally
        {
            foreach (var s in silos)
            {
                await s.DisposeAsync();
            }

            await run.CloseAsync();
            if (!o.KeepDatabase)
            {
                await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            }
        }
    }

    private async Task<RecoveryResult> ObserveAsync(NpgsqlConnection admin, string database, SiloUnderTest replacement, List<SiloUnderTest> survivors, List<Dictionary<string, double>> before, int moved)
    {
        var result = new RecoveryResult { Moved = moved };
        var all = survivors.Append(replacement).ToList();
        var samples = new List<(double T, double CaughtUp, double Feed, double Ticks)>();
        double? feedBack = null;
        var lastFeedChange = 0.0;
        var lastFeed = -1.0;
        var maxGap = 0.0;
        var nextConnections = 0.0;
        while (replacement.Age < o.ObserveSeconds)
        {
            var tick = Stopwatch.GetTimestamp();
            var t = replacement.Age;
            if (result.ReadySeconds is null && await replacement.ReadyAsync())
            {
                result.ReadySeconds = t;
            }

            var now = new List<Dictionary<string, double>>();
            foreach (var s in all)
            {
                now.Add(await s.MetricsAsync());
            }

            double Delta(string name) => now.Select((m, i) => m.GetValueOrDefault(name) - (i < before.Count ? before[i].GetValueOrDefault(name) : 0)).Sum();
            var caughtUp = Delta("livesim_sessions_caught_up_total");
            var feed = Delta("livesim_feed_entries_total");
            samples.Add((t, caughtUp, feed, Delta("livesim_session_ticks_total")));
            result.FailedActivations = Delta("orleans_catalog_activation_failed_to_activate_total");
            result.DatabaseRetries = Delta("livesim_database_retries_total");
            result.DatabaseGaveUp = Delta("livesim_database_gave_up_total");
            result.WakeRetries = Delta("livesim_sessions_wake_retries_total");
            result.MaxWaiting = Math.Max(result.MaxWaiting, now.Sum(m => m.GetValueOrDefault("livesim_database_waiting")));
            if (feed > lastFeed && lastFeed >= 0)
            {
                // The pause before the feed is back is the restart itself (FeedBackSeconds); pauses count after it.
                maxGap = feedBack is null ? 0 : Math.Max(maxGap, t - lastFeedChange);
                feedBack ??= t;
                lastFeedChange = t;
            }

            lastFeed = Math.Max(lastFeed, feed);
            if (result.CaughtUpSeconds is null && caughtUp >= moved)
            {
                result.CaughtUpSeconds = t;
                Console.WriteLine($"  all {moved} moved sessions applied a live batch again {t:0.0} s after the replacement started");
            }

            if (t >= nextConnections)
            {
                result.MaxConnections = Math.Max(result.MaxConnections, await ConnectionsAsync(admin, database));
                Console.WriteLine($"  t+{t,5:0.0} s  ready {(result.ReadySeconds is { } r ? $"{r:0.0} s" : "no")}  caught up {caughtUp,6:0}/{moved}  feed entries {feed,5:0}  failed activations {result.FailedActivations:0}  db retries {result.DatabaseRetries:0}  waiting {now.Sum(m => m.GetValueOrDefault("livesim_database_waiting")):0}  connections {result.MaxConnections}  log lines {replacement.Lines}");
                nextConnections = t + 2;
            }

            var wait = Sample - Stopwatch.GetElapsedTime(tick);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }

        result.FeedBackSeconds = feedBack;
        result.FeedLongestPauseAfterRestartSeconds = feedBack is null ? null : maxGap;
        var end = samples[^1];
        var start = samples.LastOrDefault(s => s.T <= end.T - 10, samples[0]);
        var seconds = end.T - start.T;
        result.SessionTicksPerSecond = seconds > 0 ? (end.Ticks - start.Ticks) / seconds : 0;
        result.ExpectedSessionTicksPerSecond = seconds > 0 ? o.Sessions * (end.Feed - start.Feed) / seconds : 0;
        return result;
    }

    // The same measure as after the restart, in steady state: what this machine's load alone does to the feed.
    private static async Task<double> LongestFeedPauseAsync(List<SiloUnderTest> silos, TimeSpan window)
    {
        var clock = Stopwatch.StartNew();
        var last = -1.0;
        var lastChange = 0.0;
        var longest = 0.0;
        while (clock.Elapsed < window)
        {
            var feed = 0.0;
            foreach (var s in silos)
            {
                feed += (await s.MetricsAsync()).GetValueOrDefault("livesim_feed_entries_total");
            }

            var t = clock.Elapsed.TotalSeconds;
            if (feed > last)
            {
                longest = last < 0 ? 0 : Math.Max(longest, t - lastChange);
                (last, lastChange) = (feed, t);
            }

            await Task.Delay(Sample);
        }

        return longest;
    }

    private async Task<List<Session>> CreateAsync(List<SiloUnderTest> silos)
    {
        var created = new ConcurrentBag<Session>();
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, o.Sessions), new ParallelOptions { MaxDegreeOfParallelism = o.Parallel }, async (i, _) =>
        {
            using var content = new StringContent(Body, Encoding.UTF8, "application/json");
            try
            {
                using var response = await silos[i % silos.Count].Http.PostAsync(new Uri("/live-sim/sessions", UriKind.Relative), content);
                var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                    return;
                }

                created.Add(new Session(json.GetProperty("id").GetString()!, json.GetProperty("accessToken").GetString()!, LastSeq(json)));
                if (created.Count % 2000 == 0)
                {
                    Console.WriteLine($"  {created.Count} created after {clock.Elapsed.TotalSeconds:0.0} s");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref failures);
            }
        });
        Console.WriteLine($"{created.Count} sessions created in {clock.Elapsed.TotalSeconds:0.0} s ({failures} failed)");
        return created.ToList();
    }

    private async Task<List<(Session Session, JsonElement View)>> ReadAllAsync(SiloUnderTest silo, List<Session> sessions)
    {
        var views = new ConcurrentBag<(Session, JsonElement)>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(sessions, new ParallelOptions { MaxDegreeOfParallelism = o.Parallel }, async (s, _) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/live-sim/sessions/{s.Id}", UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", s.Token);
            try
            {
                using var response = await silo.Http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    views.Add((s, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone()));
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Counted: what was not read is not audited.
            }
        });
        Console.WriteLine($"read {views.Count} of {sessions.Count} sessions in {clock.Elapsed.TotalSeconds:0.0} s");
        return views.ToList();
    }

    // The audit of the cluster tests (Sessions.AssertConsistent): every seq applied once, every bet settled once, the wallet exact.
    private static bool Consistent(Session s, JsonElement v)
    {
        var stats = v.GetProperty("stats");
        var wallet = v.GetProperty("wallet");
        long Stat(string name) => stats.GetProperty(name).GetInt64();
        return Stat("ticksProcessed") + Stat("feedGaps") == LastSeq(v) - s.LastSeqAtCreation
            && Stat("betsPlaced") == Stat("betsWon") + Stat("betsLost") + Stat("betsVoided") + v.GetProperty("activeBets").GetArrayLength()
            && wallet.GetProperty("startingBalance").GetDecimal() + stats.GetProperty("netPnl").GetDecimal() == wallet.GetProperty("balance").GetDecimal() + wallet.GetProperty("inBets").GetDecimal();
    }

    private static long LastSeq(JsonElement view) => view.GetProperty("connection").GetProperty("lastSeq").GetInt64();

    private static int HostPort(JsonElement view) =>
        int.Parse(view.GetProperty("host").GetString()!.Split(':')[1], CultureInfo.InvariantCulture);

    private static async Task WaitReadyAsync(SiloUnderTest silo, TimeSpan timeout)
    {
        while (!await silo.ReadyAsync())
        {
            if (silo.Exited || silo.Age > timeout.TotalSeconds)
            {
                throw new InvalidOperationException($"silo on port {silo.HttpPort} did not become ready");
            }

            await Task.Delay(200);
        }
    }

    // The silos' connections only (not the driver's own).
    private static async Task<int> ConnectionsAsync(NpgsqlConnection admin, string database)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @db AND application_name <> 'recovery-driver'", admin);
        command.Parameters.AddWithValue("db", database);
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> FeedLastSeqAsync(NpgsqlConnection run)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(max(seq), 0) FROM livesim_feed_journal WHERE feed_id = 'demo'", run);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
