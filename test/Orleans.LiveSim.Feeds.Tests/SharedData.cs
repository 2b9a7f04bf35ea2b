namespace Orleans.LiveSim.Feeds.Tests;

/// <summary>
/// Locates the team's shared data (never copied into the repository): the folder holding
/// <c>Orleans.LiveSim.sln</c>, then <c>../shared/data</c>.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> RepoRootLazy = new(FindRepoRoot);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? RepoRoot => RepoRootLazy.Value;

    public static string? DataDirectory =>
        RepoRoot is { } root && Directory.Exists(Path.Combine(root, "..", "shared", "data"))
            ? Path.GetFullPath(Path.Combine(root, "..", "shared", "data"))
            : null;

    public static string CapturePath => Require("provider-capture", "game-state-capture.jsonl");

    public static string PhaseSamplesPath => Require("provider-capture", "phase-samples.json");

    public static string[] CaptureLines() =>
        File.ReadAllLines(CapturePath).Where(l => l.Length > 0).ToArray();

    private static string Require(params string[] parts)
    {
        var dir = DataDirectory ?? throw new InvalidOperationException(
            $"Shared data not found: expected ../shared/data beside the folder holding Orleans.LiveSim.sln (searched up from {AppContext.BaseDirectory}).");
        var path = Path.Combine([dir, .. parts]);
        return File.Exists(path) ? path : throw new FileNotFoundException("Shared data file missing", path);
    }

    private static string? FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.LiveSim.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}

/// <summary>A fact that needs <c>../shared/data</c>: skipped with a reason when it is missing, failing instead under <c>CI=true</c>.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (SharedData.DataDirectory is null && !SharedData.IsCi)
        {
            Skip = "../shared/data (provider capture) not found beside the repository; set CI=true to make this a failure.";
        }
    }
}

/// <summary>A fact that needs PostgreSQL (<c>LIVESIM_TEST_PG</c>): skipped with a reason when unset, failing instead under <c>CI=true</c>.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("LIVESIM_TEST_PG")) && !SharedData.IsCi)
        {
            Skip = "LIVESIM_TEST_PG (a PostgreSQL connection string) is not set; CI=true makes this a failure.";
        }
    }
}

/// <summary>A theory that needs <c>../shared/data</c>; see <see cref="SharedDataFactAttribute"/>.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (SharedData.DataDirectory is null && !SharedData.IsCi)
        {
            Skip = "../shared/data (provider capture) not found beside the repository; set CI=true to make this a failure.";
        }
    }
}
