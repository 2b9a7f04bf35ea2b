using System.Globalization;

namespace Orleans.LiveSim.LoadDriver;

/// <summary>Command line of the driver. Every run is bounded: creation, measurement and the final sweep each have a deadline.</summary>
public sealed class DriverOptions
{
    /// <summary>Session counts to run, one fresh silo each. Default 1000.</summary>
    public IReadOnlyList<int> Sessions { get; private set; } = [1000];

    /// <summary>Measured seconds per run (after the warm-up). Default 60.</summary>
    public int Seconds { get; private set; } = 60;

    /// <summary>Seconds between the last session created and the measurement window. Default 10.</summary>
    public int WarmupSeconds { get; private set; } = 10;

    /// <summary>Milliseconds between synthetic ticks. Default 250 (4 Hz).</summary>
    public int TickMs { get; private set; } = 250;

    /// <summary>CreateAsync calls in flight at once. Default 64.</summary>
    public int Parallel { get; private set; } = 64;

    /// <summary>Sessions sampled with GetAsync per sample round (every 2 s). Default 200.</summary>
    public int Sample { get; private set; } = 200;

    /// <summary>Fan-out shards per feed (LiveSim:FanoutShards). Default 16 (the product default).</summary>
    public int Shards { get; private set; } = 16;

    /// <summary>Fan-out batching window in ms (LiveSim:FanoutBatchMs). Default 0 (the product default: immediate).</summary>
    public int BatchMs { get; private set; }

    /// <summary>Strategy config of every session: <c>default</c> or <c>betting-heavy</c>. Default <c>default</c>.</summary>
    public string Config { get; private set; } = "default";

    /// <summary>Count delivered session-ticks with an incoming call filter (the grains have no counter). Default true.</summary>
    public bool Probe { get; private set; } = true;

    /// <summary>Read every session at the end (sum of ticksProcessed). Default true.</summary>
    public bool FinalSweep { get; private set; } = true;

    /// <summary>Force a full compacting GC at the start and the end of the window and report the live heap (perturbs the window). Default false.</summary>
    public bool LiveHeap { get; private set; }

    /// <summary>Run at the runtime's own gen0 budget instead of the silo's recommended one (<see cref="RecommendedGc"/>).</summary>
    public bool GcDefault { get; private set; }

    /// <summary>Deadline of session creation in seconds; a run that cannot create its sessions in time is reported as such. Default 300.</summary>
    public int CreateTimeoutSeconds { get; private set; } = 300;

    /// <summary>The feed stream's pulling-agent period in ms (memory streams' GetQueueMsgsTimerPeriod); null = the product's setting.</summary>
    public int? StreamPollMs { get; private set; }

    /// <summary>Queues of the feed stream provider; null = the product's setting.</summary>
    public int? StreamQueues { get; private set; }

    /// <summary>Real WebSocket clients through the front silo (the run then hosts the ASP.NET Core front silo). Default 0.</summary>
    public int Watchers { get; private set; }

    /// <summary>All watchers on one session (one room, one serialization, many clients) instead of one session each.</summary>
    public bool WatchOne { get; private set; }

    /// <summary>Run the watchers inside this process instead of a second one. Default false (a second process).</summary>
    public bool WatchersInProcess { get; private set; }

    /// <summary>
    /// Watcher-only role: watch the front silo at this URL. With <see cref="Token"/> the sessions <c>s000000...</c> exist
    /// already (the driver's own second process); without it, <see cref="Sessions"/> sessions are created over HTTP.
    /// </summary>
    public Uri? Url { get; private set; }

    /// <summary>Access token of the pre-created sessions (watcher-only role).</summary>
    public string? Token { get; private set; }

    /// <summary>Print what the process allocated during the window, by type (sampled allocation events). Default false.</summary>
    public bool AllocProfile { get; private set; }

    /// <summary>Extra silo configuration, <c>--set LiveSim:EventBufferSize=64</c> (repeatable), applied over the driver's own.</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// NATS server with JetStream (<c>--nats nats://127.0.0.1:54222</c>): the silo publishes on the event bus and every
    /// session is created with <see cref="BusEvents"/>. Default none.
    /// </summary>
    public string? Nats { get; private set; }

    /// <summary>Event types each session publishes on the bus when <see cref="Nats"/> is set. Default all of them (live_tick too).</summary>
    public IReadOnlyList<string> BusEvents { get; private set; } = ["live_tick", "game_started", "game_ended", "bet_placed", "bet_settled", "bet_skipped", "feed_gap", "session_stopped"];

    /// <summary>Feed of the sessions a watcher-only run creates over HTTP. Default <c>demo</c>.</summary>
    public string Feed { get; private set; } = "demo";

    public static DriverOptions Parse(string[] args)
    {
        var o = new DriverOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : "";
            switch (args[i])
            {
                case "--sessions":
                    o.Sessions = value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Int).ToArray();
                    i++;
                    break;
                case "--seconds":
                    o.Seconds = Int(value);
                    i++;
                    break;
                case "--warmup":
                    o.WarmupSeconds = Int(value);
                    i++;
                    break;
                case "--tick-ms":
                    o.TickMs = Int(value);
                    i++;
                    break;
                case "--parallel":
                    o.Parallel = Int(value);
                    i++;
                    break;
                case "--sample":
                    o.Sample = Int(value);
                    i++;
                    break;
                case "--shards":
                    o.Shards = Int(value);
                    i++;
                    break;
                case "--batch-ms":
                    o.BatchMs = Int(value);
                    i++;
                    break;
                case "--config":
                    o.Config = value is "default" or "betting-heavy" ? value : throw new ArgumentException("--config is default or betting-heavy");
                    i++;
                    break;
                case "--create-timeout":
                    o.CreateTimeoutSeconds = Int(value);
                    i++;
                    break;
                case "--no-probe":
                    o.Probe = false;
                    break;
                case "--live-heap":
                    o.LiveHeap = true;
                    break;
                case "--gc-default":
                    o.GcDefault = true;
                    break;
                case "--no-final-sweep":
                    o.FinalSweep = false;
                    break;
                case "--stream-poll-ms":
                    o.StreamPollMs = Int(value);
                    i++;
                    break;
                case "--stream-queues":
                    o.StreamQueues = Int(value);
                    i++;
                    break;
                case "--watchers":
                    o.Watchers = Int(value);
                    i++;
                    break;
                case "--watch-one":
                    o.WatchOne = true;
                    break;
                case "--watchers-in-process":
                    o.WatchersInProcess = true;
                    break;
                case "--url":
                    o.Url = new Uri(value);
                    i++;
                    break;
                case "--token":
                    o.Token = value;
                    i++;
                    break;
                case "--alloc-profile":
                    o.AllocProfile = true;
                    break;
                case "--set":
                    var eq = value.IndexOf('=', StringComparison.Ordinal);
                    o.Settings[eq > 0 ? value[..eq] : throw new ArgumentException("--set takes Key=Value")] = value[(eq + 1)..];
                    i++;
                    break;
                case "--nats":
                    o.Nats = value;
                    o.Settings["LiveSim:EventBus:Nats:Url"] = value;
                    i++;
                    break;
                case "--bus-events":
                    o.BusEvents = value.Split(',', StringSplitOptions.RemoveEmptyEntries);
                    i++;
                    break;
                case "--feed":
                    o.Feed = value;
                    i++;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. See README in BENCHMARKS.md.");
            }
        }

        return o;
    }

    private static int Int(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
