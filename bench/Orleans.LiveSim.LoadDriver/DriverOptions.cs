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

    /// <summary>Deadline of session creation in seconds; a run that cannot create its sessions in time is reported as such. Default 300.</summary>
    public int CreateTimeoutSeconds { get; private set; } = 300;

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
                case "--no-final-sweep":
                    o.FinalSweep = false;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. See README in BENCHMARKS.md.");
            }
        }

        return o;
    }

    private static int Int(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
