using System.Diagnostics;

namespace Orleans.LiveSim.Testing;

/// <summary>test/socketio-server/replay.js run with node: a real Socket.IO v4 server on loopback replaying a capture.</summary>
public sealed class ReplayServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private readonly Process _process;

    private ReplayServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public static async Task<ReplayServer> StartAsync(string capturePath, int port = 0, bool thenDisconnect = false)
    {
        var folder = Path.Combine(SharedData.RepoRoot ?? throw new InvalidOperationException("Orleans.LiveSim.sln not found above the test binaries."), "test", "socketio-server");
        await EnsureInstalledAsync(folder);
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("replay.js");
        info.ArgumentList.Add(capturePath);
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (thenDisconnect)
        {
            info.Environment["REPLAY_THEN_DISCONNECT"] = "1";
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("PORT ", StringComparison.Ordinal))
                {
                    var server = new ReplayServer(process, int.Parse(line[5..], System.Globalization.CultureInfo.InvariantCulture));
                    _ = DrainAsync(process.StandardOutput);
                    return server;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Kill(entireProcessTree: true);
        var error = await process.StandardError.ReadToEndAsync();
        throw new InvalidOperationException($"replay.js printed no 'PORT <n>' line within 20 s: {error}");
    }

    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private static async Task DrainAsync(StreamReader output)
    {
        try
        {
            while (await output.ReadLineAsync() is not null)
            {
            }
        }
        catch (Exception)
        {
            // The process was killed.
        }
    }

    private static async Task EnsureInstalledAsync(string folder)
    {
        await InstallLock.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(folder, "node_modules", "socket.io")))
            {
                return;
            }

            var info = new ProcessStartInfo("npm") { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in File.Exists(Path.Combine(folder, "package-lock.json")) ? ["ci", "--no-audit", "--no-fund"] : new[] { "install", "--no-audit", "--no-fund" })
            {
                info.ArgumentList.Add(arg);
            }

            using var npm = Process.Start(info) ?? throw new InvalidOperationException("npm did not start");
            var stderr = npm.StandardError.ReadToEndAsync();
            await npm.StandardOutput.ReadToEndAsync();
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm failed in {folder}: {await stderr}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }
}
