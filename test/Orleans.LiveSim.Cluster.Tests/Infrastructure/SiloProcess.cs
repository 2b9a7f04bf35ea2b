using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Orleans.LiveSim.Cluster.Tests.Infrastructure;

/// <summary>
/// One <c>dotnet Orleans.LiveSim.Silo.dll</c> process on loopback ports, configured the way the docs say
/// (command-line keys), with its output kept for failure messages. Disposing kills it if it still runs.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private const int KeptLines = 300;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(Process process, int httpPort, int siloPort, int gatewayPort)
    {
        _process = process;
        HttpPort = httpPort;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public int HttpPort { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output => string.Join('\n', _output);

    /// <summary>The arguments of a Postgres-clustered, Postgres-stored silo with a fast demo feed.</summary>
    public static List<string> PostgresArguments(string connectionString, int siloPort, int gatewayPort) =>
    [
        "--LiveSim:Clustering=Postgres",
        "--LiveSim:Storage=Postgres",
        $"--ConnectionStrings:LiveSim={connectionString}",
        $"--LiveSim:SiloPort={siloPort}",
        $"--LiveSim:GatewayPort={gatewayPort}",
        "--LiveSim:Database:AutoMigrate=true",
        "--LiveSim:Feeds:demo:TickIntervalMs=50",
        "--LiveSim:Feeds:demo:CooldownSeconds=1",
        "--LiveSim:PersistEveryTicks=20",
        // A killed silo is declared dead in a few seconds instead of Orleans' default of about 15 s.
        "--LiveSim:Membership:ProbeTimeout=00:00:01",
        "--LiveSim:Membership:NumMissedProbesLimit=2",
        "--Logging:LogLevel:Default=Warning",
    ];

    /// <summary>
    /// Starts a Postgres silo on fresh ports (or the given ones, to restart "the same" silo); <paramref name="extra"/>
    /// arguments come last, so they override the defaults above.
    /// </summary>
    public static SiloProcess StartPostgres(string connectionString, int? httpPort = null, int? siloPort = null, int? gatewayPort = null, IEnumerable<string>? extra = null)
    {
        var http = httpPort ?? FreePort.Next();
        var silo = siloPort ?? FreePort.Next();
        var gateway = gatewayPort ?? FreePort.Next();
        return Start(PostgresArguments(connectionString, silo, gateway).Concat(extra ?? []), http, silo, gateway);
    }

    public static SiloProcess Start(IEnumerable<string> arguments, int? httpPort = null, int siloPort = 0, int gatewayPort = 0)
    {
        var http = httpPort ?? FreePort.Next();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Repository.SiloDll)!,
        };
        startInfo.ArgumentList.Add(Repository.SiloDll);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add($"http://127.0.0.1:{http}");
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Several silos share 2 cores here: workstation GC keeps each process small. No core dumps on abort.
        startInfo.Environment["DOTNET_gcServer"] = "0";
        startInfo.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the silo process.");
        var silo = new SiloProcess(process, http, siloPort, gatewayPort);
        process.OutputDataReceived += (_, e) => silo.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return silo;
    }

    /// <summary>Waits until <c>/ready</c> answers 200 (the silo serves grains and the demo feed runs).</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        await Poll.UntilAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The silo exited with code {_process.ExitCode}:\n{Output}");
                }

                using var response = await Http.GetAsync(new Uri("/ready", UriKind.Relative));
                return response.StatusCode;
            },
            status => status == HttpStatusCode.OK,
            timeout ?? TimeSpan.FromSeconds(60),
            $"silo on port {HttpPort} to be ready");
    }

    /// <summary>
    /// The sum of one metric's samples in <c>/metrics</c> (every label combination, or those containing
    /// <paramref name="label"/>, e.g. <c>grain_type="session"</c>); 0 when the silo has not recorded it yet.
    /// </summary>
    public async Task<double> MetricAsync(string name, string? label = null)
    {
        var text = await Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var sum = 0.0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is '{' or ' '
                && (label is null || line.Contains(label, StringComparison.Ordinal)))
            {
                sum += double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }

    /// <summary>Waits for the process to end on its own.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The silo did not exit within {timeout.TotalSeconds:0} s:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary><c>kill -9</c>: no shutdown, no last writes.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>A graceful stop (SIGTERM), as a service manager or Ctrl+C would do.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false }))
        {
            await kill!.WaitForExitAsync();
        }

        return await WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }
}
