using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Orleans.LiveSim.LoadDriver;

/// <summary>
/// The watchers in a second process (this driver in its <c>--url</c> role), so that 10,000 client sockets and their
/// CPU are not the silo's: it connects, prints <see cref="WatchRun.ReadyLine"/>, warms up, measures the same window
/// length and prints its <see cref="WatchResult"/> as a JSON line, which is read back here.
/// </summary>
public sealed class WatcherProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _json;

    private WatcherProcess(Process process) => _process = process;

    public static WatcherProcess Start(DriverOptions options, Uri url, int sessions, string token)
    {
        var info = DriverProcess.Again();
        info.RedirectStandardOutput = true;

        foreach (var arg in new[]
        {
            "--url", url.ToString(), "--token", token, "--sessions", sessions.ToString(CultureInfo.InvariantCulture),
            "--watchers", options.Watchers.ToString(CultureInfo.InvariantCulture),
            "--warmup", options.WarmupSeconds.ToString(CultureInfo.InvariantCulture),
            "--seconds", options.Seconds.ToString(CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(arg);
        }

        if (options.WatchOne)
        {
            info.ArgumentList.Add("--watch-one");
        }

        // A client process that only reads: its sockets' receives continue on the socket engine's thread instead of a
        // thread-pool hop per frame, so the measuring clients take less of the cores they share with the silo.
        info.Environment.TryAdd("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the watcher process.");
        var watcher = new WatcherProcess(process);
        process.OutputDataReceived += (_, e) => watcher.OnLine(e.Data);
        process.BeginOutputReadLine();
        return watcher;
    }

    /// <summary>Waits until every client is connected (or the process ended, or the deadline passed).</summary>
    public async Task WaitReadyAsync(TimeSpan deadline)
    {
        await Task.WhenAny(_ready.Task, _process.WaitForExitAsync(), Task.Delay(deadline));
        if (!_ready.Task.IsCompleted)
        {
            throw new InvalidOperationException("The watcher process did not connect its clients in time.");
        }
    }

    /// <summary>The process's result once it ended (null when it printed none).</summary>
    public async Task<WatchResult?> ResultAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        await _process.WaitForExitAsync(timeout.Token);
        return _json is null ? null : JsonSerializer.Deserialize<WatchResult>(_json, JsonSerializerOptions.Web);
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith('{'))
        {
            _json = line;
            return;
        }

        Console.WriteLine(line);
        if (line == WatchRun.ReadyLine)
        {
            _ready.TrySetResult();
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
