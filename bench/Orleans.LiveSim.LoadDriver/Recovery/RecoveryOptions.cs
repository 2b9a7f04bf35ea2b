using System.Globalization;

namespace Orleans.LiveSim.LoadDriver.Recovery;

/// <summary>
/// Command line of <c>recovery</c>: real silo processes on a fresh PostgreSQL database, N live sessions, kill -9 of one
/// silo, a replacement started at once, then what it took for every session to apply ticks again.
/// </summary>
public sealed class RecoveryOptions
{
    /// <summary>An Npgsql connection string to the server, as a user that may create databases (its database is not used).</summary>
    public string Postgres { get; private set; } = "";

    /// <summary>Live sessions. Default 10000.</summary>
    public int Sessions { get; private set; } = 10_000;

    /// <summary>Silos before the kill (the first one is killed). Default 1.</summary>
    public int Silos { get; private set; } = 1;

    /// <summary>Seconds between the last session created and the kill. Default 20.</summary>
    public int WarmupSeconds { get; private set; } = 20;

    /// <summary>Seconds watched after the replacement starts. Default 60.</summary>
    public int ObserveSeconds { get; private set; } = 60;

    /// <summary>Create calls in flight. Default 64.</summary>
    public int Parallel { get; private set; } = 64;

    /// <summary>The silo to run. Default the repository's Release build.</summary>
    public string SiloDll { get; private set; } = "";

    /// <summary>More silo arguments (<c>--silo-arg --Key=Value</c>, repeatable), after the driver's own.</summary>
    public IReadOnlyList<string> SiloArguments => _siloArguments;

    /// <summary>Keep the database afterwards (default: dropped).</summary>
    public bool KeepDatabase { get; private set; }

    private readonly List<string> _siloArguments = [];

    public static RecoveryOptions Parse(string[] args)
    {
        var o = new RecoveryOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : "";
            switch (args[i])
            {
                case "--pg":
                    o.Postgres = value;
                    i++;
                    break;
                case "--sessions":
                    o.Sessions = Int(value);
                    i++;
                    break;
                case "--silos":
                    o.Silos = Int(value) is 1 or 2 ? Int(value) : throw new ArgumentException("--silos is 1 or 2");
                    i++;
                    break;
                case "--warmup":
                    o.WarmupSeconds = Int(value);
                    i++;
                    break;
                case "--observe":
                    o.ObserveSeconds = Int(value);
                    i++;
                    break;
                case "--parallel":
                    o.Parallel = Int(value);
                    i++;
                    break;
                case "--silo-dll":
                    o.SiloDll = value;
                    i++;
                    break;
                case "--silo-arg":
                    o._siloArguments.Add(value);
                    i++;
                    break;
                case "--keep-db":
                    o.KeepDatabase = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. See 'Recovery after kill -9' in BENCHMARKS.md.");
            }
        }

        if (string.IsNullOrWhiteSpace(o.Postgres))
        {
            throw new ArgumentException("--pg <connection string> is required, e.g. --pg 'Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres'");
        }

        if (o.SiloDll.Length == 0)
        {
            o.SiloDll = Path.Combine(RepositoryRoot(), "src", "Orleans.LiveSim.Silo", "bin", "Release", "net10.0", "Orleans.LiveSim.Silo.dll");
        }

        return File.Exists(o.SiloDll) ? o : throw new ArgumentException($"{o.SiloDll} does not exist: dotnet build -c Release src/Orleans.LiveSim.Silo, or pass --silo-dll");
    }

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Orleans.LiveSim.sln")))
            {
                return d.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    private static int Int(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
