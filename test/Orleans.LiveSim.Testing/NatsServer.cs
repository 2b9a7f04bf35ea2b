using System.Diagnostics;
using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Orleans.LiveSim.Testing;

/// <summary>
/// The NATS server (JetStream) the tests publish to: <c>LIVESIM_TEST_NATS</c> if set (test.sh starts one with
/// <c>.ci/nats.sh</c>), else one started with <c>.ci/nats.sh start</c> (left running; <c>.ci/nats.sh stop</c> removes it). Tests that need it
/// use <see cref="NatsFactAttribute"/>: skipped, saying why, when Debian's nats-server is not installed, except under
/// <c>CI=true</c>, where they fail.
/// </summary>
public static class NatsServer
{
    public const string EnvironmentVariable = "LIVESIM_TEST_NATS";

    public const string Binary = "/usr/sbin/nats-server";

    private static readonly Lazy<Task<string>> SharedUrl = new(LocateOrStartAsync);

    /// <summary>Why NATS tests are skipped, or null when they run.</summary>
    public static string? SkipReason =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable(EnvironmentVariable)) && !File.Exists(Binary) && !SharedData.IsCi
            ? $"NATS is not available: {EnvironmentVariable} is not set and {Binary} is missing (install Debian's nats-server or run .ci/nats.sh start); run with CI=true to make this a failure."
            : null;

    public static Task<string> GetUrlAsync() => SharedUrl.Value;

    private static async Task<string> LocateOrStartAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } url)
        {
            return url;
        }

        var script = Path.Combine(SharedData.RepoRoot ?? throw new InvalidOperationException($"Orleans.LiveSim.sln not found; set {EnvironmentVariable}."), ".ci", "nats.sh");
        var startInfo = new ProcessStartInfo("bash") { ArgumentList = { script, "start" }, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not run {script}.");
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        const string Prefix = $"export {EnvironmentVariable}=";
        return process.ExitCode == 0 && stdout.Split('\n').FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal)) is { } line
            ? line[Prefix.Length..].Trim()
            : throw new InvalidOperationException($"{script} start failed ({process.ExitCode}): {stderr}; start NATS yourself and set {EnvironmentVariable}.");
    }

    /// <summary>
    /// Removes a stream a test made on the shared server: streams of <c>livesim.&gt;</c> may not overlap, so one left
    /// behind would keep the next silo on that server from creating its own.
    /// </summary>
    public static async Task DeleteStreamAsync(string url, string stream)
    {
        await using var nats = new NatsConnection(NatsOpts.Default with { Url = url });
        try
        {
            await new NatsJSContext(nats).DeleteStreamAsync(stream);
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
        }
    }

    /// <summary>Every message of the stream on <paramref name="subject"/> (a filter), in stream order: subject, Nats-Msg-Id and the JSON payload.</summary>
    public static async Task<List<(string Subject, string? MsgId, JsonElement Event)>> ReadAllAsync(string url, string stream, string subject)
    {
        await using var nats = new NatsConnection(NatsOpts.Default with { Url = url });
        var js = new NatsJSContext(nats);
        var info = await js.GetStreamAsync(stream, new StreamInfoRequest { SubjectsFilter = subject });
        var expected = (long)(info.Info.State.Subjects?.Values.Sum(v => (long)v) ?? 0);
        // One filter subject (nats-server 2.9 ignores the plural filter_subjects that ordered consumers send).
        var consumer = await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig($"read-{Guid.NewGuid():N}")
        {
            FilterSubject = subject,
            AckPolicy = ConsumerConfigAckPolicy.None,
            DeliverPolicy = ConsumerConfigDeliverPolicy.All,
            InactiveThreshold = TimeSpan.FromSeconds(30),
        });
        var messages = new List<(string, string?, JsonElement)>();
        if (expected == 0)
        {
            return messages;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var msg in consumer.ConsumeAsync<byte[]>(cancellationToken: timeout.Token))
        {
            var id = msg.Headers is { } h && h.TryGetValue("Nats-Msg-Id", out var v) ? v.ToString() : null;
            messages.Add((msg.Subject, id, JsonDocument.Parse(msg.Data!).RootElement.Clone()));
            if (messages.Count == expected)
            {
                break;
            }
        }

        return messages;
    }
}

/// <summary>One <c>nats-server -js</c> process on loopback, with its own store folder; it can be stopped and started again on the same port and store.</summary>
public sealed class NatsProcess : IAsyncDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), $"livesim-nats-{Guid.NewGuid():N}");
    private Process? _process;

    private NatsProcess(int port) => Port = port;

    public int Port { get; }

    /// <summary>What the server printed, for failure messages.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Output { get; } = new();

    public string Url => $"nats://127.0.0.1:{Port}";

    public static async Task<NatsProcess> StartAsync()
    {
        var server = new NatsProcess(FreePort.Next());
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var startInfo = new ProcessStartInfo(NatsServer.Binary)
        {
            ArgumentList = { "-js", "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-sd", _store },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {NatsServer.Binary}.");
        _process.OutputDataReceived += (_, e) => Output.Enqueue(e.Data ?? "");
        _process.ErrorDataReceived += (_, e) => Output.Enqueue(e.Data ?? "");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    await using var nats = new NatsConnection(NatsOpts.Default with { Url = Url, MaxReconnectRetry = 0 });
                    await nats.ConnectAsync();
                    return true;
                }
                catch (NatsException)
                {
                    return false;
                }
            },
            ok => ok,
            $"nats-server on port {Port} to accept connections (output: {string.Join('\n', Output.TakeLast(10))})");
    }

    /// <summary>Kills the server (the bus is down); its store stays for <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }
}

/// <summary>A fact that needs NATS; see <see cref="NatsServer.SkipReason"/>.</summary>
public sealed class NatsFactAttribute : FactAttribute
{
    public NatsFactAttribute()
    {
        if (NatsServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs NATS; see <see cref="NatsServer.SkipReason"/>.</summary>
public sealed class NatsTheoryAttribute : TheoryAttribute
{
    public NatsTheoryAttribute()
    {
        if (NatsServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
