using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Orleans.LiveSim.LoadDriver;

// What ASP.NET Core and ClientWebSocket alone cost on this machine, the floor under the load driver's --watchers runs:
// a Kestrel server sends one text frame (a send timestamp padded to the size of a live_tick) to each of N WebSockets
// every tick, straight from its timer loop; a second process of N ClientWebSockets (inline socket completions, as the
// driver's watcher process) records send -> receive latency. Nothing else runs: no Orleans, no session, no queue, no
// JSON. Usage: dotnet Orleans.LiveSim.WebSocketFloor.dll [--clients 10000] [--seconds 30] [--warmup 10] [--frame-bytes 300]
// [--direct-threads 0]. With --direct-threads T > 0 the server skips its WebSockets and Kestrel's output pipe: it writes
// each frame, WebSocket header and all, with a synchronous Socket.Send on the connection's own socket, from T threads,
// what an application server could do at best here (only a benchmark may: nothing else writes to those sockets while
// it runs, and a client that could not keep up would block its sender).
var options = FloorOptions.Parse(args);
if (options.ClientOf is { } port)
{
    return await FloorClient.RunAsync(port, options);
}

return await FloorServer.RunAsync(options);

internal sealed record FloorOptions(int Clients, int Seconds, int Warmup, int FrameBytes, int TickMs, int DirectThreads, int? ClientOf)
{
    public static FloorOptions Parse(string[] args)
    {
        var values = new Dictionary<string, int>
        {
            ["--clients"] = 10_000, ["--seconds"] = 30, ["--warmup"] = 10, ["--frame-bytes"] = 300, ["--tick-ms"] = 250, ["--direct-threads"] = 0,
        };
        int? clientOf = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            if (args[i] == "--client-of")
            {
                clientOf = value;
            }
            else if (values.ContainsKey(args[i]))
            {
                values[args[i]] = value;
            }
            else
            {
                throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        if (values["--frame-bytes"] is < 19 or > ushort.MaxValue)
        {
            // A frame carries its 19-digit send stamp; --direct-threads frames it with a length of at most 16 bits.
            throw new ArgumentException("--frame-bytes must be 19 to 65535");
        }

        return new(values["--clients"], values["--seconds"], values["--warmup"], values["--frame-bytes"], values["--tick-ms"], values["--direct-threads"], clientOf);
    }
}

internal static class FloorServer
{
    public static async Task<int> RunAsync(FloorOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.UseWebSockets();
        var sockets = new List<(WebSocket WebSocket, Socket Socket)>();
        app.Map("/ws", async context =>
        {
            var connection = context.Features.Get<IConnectionSocketFeature>()!.Socket;
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            lock (sockets)
            {
                sockets.Add((socket, connection));
            }

            var buffer = new byte[256];
            while (socket.State == WebSocketState.Open && (await socket.ReceiveAsync(buffer, CancellationToken.None)).MessageType != WebSocketMessageType.Close)
            {
            }
        });
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

        using var stop = new CancellationTokenSource();
        var ticking = TickAsync(sockets, options, stop.Token);
        var start = DriverProcess.Again();
        start.RedirectStandardOutput = true;
        start.ArgumentList.Add("--client-of");
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in new[] { ("--clients", options.Clients), ("--seconds", options.Seconds), ("--warmup", options.Warmup) })
        {
            start.ArgumentList.Add(name);
            start.ArgumentList.Add(value.ToString(CultureInfo.InvariantCulture));
        }

        start.Environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1";
        using var client = Process.Start(start)!;
        // The client prints when its window starts; the server's CPU is measured over the same window.
        var self = Process.GetCurrentProcess();
        TimeSpan cpuAtStart = default;
        var windowStart = Stopwatch.GetTimestamp();
        while (await client.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == "measuring")
            {
                self.Refresh();
                cpuAtStart = self.TotalProcessorTime;
                windowStart = Stopwatch.GetTimestamp();
            }
            else if (line.StartsWith("result ", StringComparison.Ordinal))
            {
                self.Refresh();
                var wall = Stopwatch.GetElapsedTime(windowStart);
                var serverCpu = (self.TotalProcessorTime - cpuAtStart) / wall / Environment.ProcessorCount * 100;
                Console.WriteLine($"{line["result ".Length..]}; server CPU {serverCpu:F0} % of the machine");
            }
            else
            {
                Console.WriteLine(line);
            }
        }

        await client.WaitForExitAsync();
        await stop.CancelAsync();
        await ticking;
        await app.StopAsync();
        return client.ExitCode;
    }

    private static async Task TickAsync(List<(WebSocket WebSocket, Socket Socket)> sockets, FloorOptions options, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.TickMs));
        var padding = new string('x', Math.Max(0, options.FrameBytes - 19));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                (WebSocket WebSocket, Socket Socket)[] all;
                lock (sockets)
                {
                    all = [.. sockets];
                }

                var frame = Encoding.ASCII.GetBytes(Stopwatch.GetTimestamp().ToString("D19", CultureInfo.InvariantCulture) + padding);
                if (options.DirectThreads > 0)
                {
                    SendDirect(all, Framed(frame), options.DirectThreads);
                    continue;
                }

                foreach (var (socket, _) in all)
                {
                    // Not awaited: each send runs to Kestrel's pipe on this thread, Kestrel's socket senders do the rest.
                    _ = socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // One unmasked text frame as a server sends it (RFC 6455 5.2); Parse keeps payloads within a 16-bit length.
    private static byte[] Framed(byte[] payload)
    {
        var header = payload.Length < 126 ? 2 : 4;
        var frame = new byte[header + payload.Length];
        frame[0] = 0x81;
        if (header == 2)
        {
            frame[1] = (byte)payload.Length;
        }
        else
        {
            frame[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
        }

        payload.CopyTo(frame, header);
        return frame;
    }

    private static void SendDirect((WebSocket WebSocket, Socket Socket)[] all, byte[] frame, int threads) =>
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
        {
            for (var i = thread; i < all.Length; i += threads)
            {
                try
                {
                    all[i].Socket.Send(frame);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    // The client process has ended.
                }
            }
        });
}

internal static class FloorClient
{
    public static async Task<int> RunAsync(int port, FloorOptions options)
    {
        var url = new Uri($"ws://127.0.0.1:{port}/ws");
        var histogram = new long[10_000];
        var measuring = 0;
        var sockets = new List<ClientWebSocket>();
        using var stop = new CancellationTokenSource();
        // 64 connecting at once, as the driver's watcher pool.
        await Parallel.ForAsync(0, options.Clients, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (client, token) =>
        {
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(url, token);
            lock (sockets)
            {
                sockets.Add(socket);
                _ = Task.Run(() => ReadAsync(socket, histogram, () => Volatile.Read(ref measuring) == 1, stop.Token), token);
            }
        });
        Console.WriteLine($"{options.Clients} clients connected");
        await Task.Delay(TimeSpan.FromSeconds(options.Warmup));
        var self = Process.GetCurrentProcess();
        var cpuAtStart = self.TotalProcessorTime;
        Console.WriteLine("measuring");
        Volatile.Write(ref measuring, 1);
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
        Volatile.Write(ref measuring, 0);
        self.Refresh();
        var clientCpu = (self.TotalProcessorTime - cpuAtStart) / TimeSpan.FromSeconds(options.Seconds) / Environment.ProcessorCount * 100;
        var total = histogram.Sum();
        Console.WriteLine(
            $"result {options.Clients} clients, {total:N0} frames in {options.Seconds} s: send -> receive p50 {Percentile(histogram, total, 0.50)} / " +
            $"p99 {Percentile(histogram, total, 0.99)} / max {Percentile(histogram, total, 1.0)} ms; client CPU {clientCpu:F0} % of the machine");
        await stop.CancelAsync();
        return total > 0 ? 0 : 1;
    }

    private static async Task ReadAsync(ClientWebSocket socket, long[] histogram, Func<bool> measuring, CancellationToken stop)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), stop);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var sent = long.Parse(buffer.AsSpan(0, 19), CultureInfo.InvariantCulture);
                var ms = (int)Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                if (measuring())
                {
                    Interlocked.Increment(ref histogram[Math.Min(ms, histogram.Length - 1)]);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
    }

    private static long Percentile(long[] histogram, long total, double p)
    {
        long seen = 0;
        for (var ms = 0; ms < histogram.Length; ms++)
        {
            seen += histogram[ms];
            if (seen > 0 && seen >= total * p)
            {
                return ms;
            }
        }

        return -1;
    }
}
