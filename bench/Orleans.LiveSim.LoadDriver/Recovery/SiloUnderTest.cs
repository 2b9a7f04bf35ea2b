using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Orleans.LiveSim.LoadDriver.Recovery;

/// <summary>One silo process: its ports, its output (to a file, lines counted) and its <c>/metrics</c>.</summary>
public sealed class SiloUnderTest : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private long _lines;
    private bool _closed;

    private SiloUnderTest(Process process, StreamWriter log, int httpPort, int siloPort)
    {
        _process = process;
        _log = log;
        HttpPort = httpPort;
        SiloPort = siloPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };
        Started = Stopwatch.GetTimestamp();
    }

    public int HttpPort { get; }

    public int SiloPort { get; }

    public HttpClient Http { get; }

    /// <summary>When the process was started (a <see cref="Stopwatch"/> timestamp).</summary>
    public long Started { get; }

    /// <summary>Lines the silo wrote to stdout and stderr so far.</summary>
    public long Lines => Interlocked.Read(ref _lines);

    public bool Exited => _process.HasExited;

    public static SiloUnderTest Start(string siloDll, IEnumerable<string> arguments, string logFile, int? httpPort = null, int? siloPort = null, int? gatewayPort = null)
    {
        var (http, silo, gateway) = (httpPort ?? FreePort(), siloPort ?? FreePort(), gatewayPort ?? FreePort());
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(siloDll)!,
        };
        info.ArgumentList.Add(siloDll);
        foreach (var a in new[] { "--urls", $"http://127.0.0.1:{http}", $"--LiveSim:SiloPort={silo}", $"--LiveSim:GatewayPort={gateway}" }.Concat(arguments))
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the silo");
        var log = new StreamWriter(logFile) { AutoFlush = false };
        var s = new SiloUnderTest(process, log, http, silo) { GatewayPort = gateway };
        process.OutputDataReceived += (_, e) => s.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => s.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return s;
    }

    public int GatewayPort { get; private init; }

    /// <summary>Seconds since the process started.</summary>
    public double Age => Stopwatch.GetElapsedTime(Started).TotalSeconds;

    public async Task<bool> ReadyAsync()
    {
        try
        {
            using var response = await Http.GetAsync(new Uri("/ready", UriKind.Relative));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Sums of every metric in <c>/metrics</c> by name (labels summed over); empty when the silo does not answer.</summary>
    public async Task<Dictionary<string, double>> MetricsAsync()
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        string text;
        try
        {
            text = await Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return sums;
        }

        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var end = line.IndexOfAny(['{', ' ']);
            var space = line.LastIndexOf(' ');
            if (end > 0 && space > end && double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                var name = line[..end];
                sums[name] = sums.GetValueOrDefault(name) + v;
            }
        }

        return sums;
    }

    /// <summary>kill -9.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
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
        lock (_log)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        Interlocked.Increment(ref _lines);
        lock (_log)
        {
            if (!_closed)
            {
                _log.WriteLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
