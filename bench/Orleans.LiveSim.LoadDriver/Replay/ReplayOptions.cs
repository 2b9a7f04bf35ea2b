using System.Globalization;

namespace Orleans.LiveSim.LoadDriver.Replay;

/// <summary>
/// Command line of <c>replay</c>: one in-process silo (in memory, or on PostgreSQL with <c>--pg</c>), a synthetic recording
/// of <see cref="Ticks"/> ticks imported the way an upload is, then <see cref="Sessions"/> replays of all of it at
/// <c>speed: "max"</c>, measured from the first create to the last session's end.
/// </summary>
public sealed class ReplayOptions
{
    private readonly List<KeyValuePair<string, string?>> _settings = [];

    /// <summary>Ticks in the recording, all of them replayed. Default 1,000,000.</summary>
    public int Ticks { get; private set; } = 1_000_000;

    /// <summary>Replay sessions of the recording at once. Default 1.</summary>
    public int Sessions { get; private set; } = 1;

    /// <summary>
    /// Times the whole set of replays this many times in the same silo (new session ids each time), so the later rounds show
    /// warm code (a silo that has run for a while) and the first one the cost of a cold start. Default 1.
    /// </summary>
    public int Repeat { get; private set; } = 1;

    /// <summary>Npgsql connection string: store everything in PostgreSQL (the schema is applied); empty for the in-memory default.</summary>
    public string Postgres { get; private set; } = "";

    /// <summary>A capture file to import (e.g. written by the silo's <c>record</c> command); empty to generate one in memory.</summary>
    public string Capture { get; private set; } = "";

    /// <summary>Strategy of every session: <c>default</c> (bets at tick 200) or <c>sweep</c> (session i bets from tick 10 + i % 90, like a sweep's variants). Default <c>default</c>.</summary>
    public string Config { get; private set; } = "default";

    /// <summary>Milliseconds between the driver's <c>GetAsync</c> reads of a running session (its round trip is what a reader waits). Default 20.</summary>
    public int GetEveryMs { get; private set; } = 20;

    /// <summary>Also start one more replay, stop it mid-way and time <c>StopAsync</c>. Default true for one session.</summary>
    public bool StopProbe { get; private set; } = true;

    /// <summary>Seconds the whole run may take before it is reported as failed. Default 600.</summary>
    public int TimeoutSeconds { get; private set; } = 600;

    /// <summary>Configuration keys for the silo (<c>--set LiveSim:ReplayBatchTicks=8192</c>, repeatable).</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Settings => _settings;

    public static ReplayOptions Parse(string[] args)
    {
        var o = new ReplayOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : "";
            switch (args[i])
            {
                case "--ticks":
                    o.Ticks = Int(value);
                    i++;
                    break;
                case "--sessions":
                    o.Sessions = Int(value);
                    i++;
                    break;
                case "--repeat":
                    o.Repeat = Int(value);
                    i++;
                    break;
                case "--pg":
                    o.Postgres = value;
                    i++;
                    break;
                case "--capture":
                    o.Capture = value;
                    i++;
                    break;
                case "--config":
                    o.Config = value is "default" or "sweep" ? value : throw new ArgumentException("--config is default or sweep");
                    i++;
                    break;
                case "--get-every-ms":
                    o.GetEveryMs = Int(value);
                    i++;
                    break;
                case "--timeout":
                    o.TimeoutSeconds = Int(value);
                    i++;
                    break;
                case "--no-stop-probe":
                    o.StopProbe = false;
                    break;
                case "--set":
                    var eq = value.IndexOf('=', StringComparison.Ordinal);
                    o._settings.Add(eq > 0 ? new(value[..eq], value[(eq + 1)..]) : throw new ArgumentException("--set takes Key=Value"));
                    i++;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}' of replay. See the Single replay section of BENCHMARKS.md.");
            }
        }

        if (o.Ticks < 1 || o.Sessions < 1 || o.Repeat < 1)
        {
            throw new ArgumentException("--ticks, --sessions and --repeat must be positive.");
        }

        return o;
    }

    private static int Int(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
