namespace Orleans.LiveSim.Testing;

/// <summary>
/// The project's shared data (<c>../shared/data</c> beside the repository), which is not ours to redistribute and is
/// therefore never copied into the repository. Found by walking up from the test binaries to the directory holding
/// <c>Orleans.LiveSim.sln</c>.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> RepoRootLazy = new(FindRepoRoot);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The directory holding <c>Orleans.LiveSim.sln</c>, or null.</summary>
    public static string? RepoRoot => RepoRootLazy.Value;

    /// <summary>The shared data folder, or null when it is missing.</summary>
    public static string? DataDirectory =>
        RepoRoot is { } root && Directory.Exists(Path.Combine(root, "..", "shared", "data"))
            ? Path.GetFullPath(Path.Combine(root, "..", "shared", "data"))
            : null;

    public static string? TryFind() => DataDirectory;

    public static string Folder => DataDirectory
        ?? throw new InvalidOperationException($"The shared data folder (../shared/data beside the directory of Orleans.LiveSim.sln) is missing (searched up from {AppContext.BaseDirectory}); CI must provide it.");

    public static string LegacyStrategies => Path.Combine(Folder, "legacy-strategies");

    public static string CapturePath => Require("provider-capture", "game-state-capture.jsonl");

    public static string PhaseSamplesPath => Require("provider-capture", "phase-samples.json");

    public static string[] CaptureLines() => File.ReadAllLines(CapturePath).Where(l => l.Length > 0).ToArray();

    /// <summary>Why a test that needs the data is skipped, or null when it runs (data present, or CI=true so that it fails loudly).</summary>
    public static string? SkipReason => DataDirectory is null && !IsCi
        ? "The shared data folder ../shared/data beside the repository is missing (it is not redistributed with the project); run with CI=true to make this a failure."
        : null;

    private static string Require(params string[] parts)
    {
        var path = Path.Combine([Folder, .. parts]);
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

/// <summary>A fact that needs <see cref="SharedData"/>: skipped with the reason when the folder is missing, except under <c>CI=true</c>, where it fails.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (SharedData.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs <see cref="SharedData"/>; see <see cref="SharedDataFactAttribute"/>.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (SharedData.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
