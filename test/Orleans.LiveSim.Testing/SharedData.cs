namespace Orleans.LiveSim.Testing;

/// <summary>
/// The project's shared data (<c>../shared/data</c> beside the repository), which is not ours to redistribute and is
/// therefore never copied into the repository. Found by walking up from the test binaries to the directory holding
/// <c>Orleans.LiveSim.sln</c>.
/// </summary>
public static class SharedData
{
    public static string? TryFind()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.LiveSim.sln")))
            {
                var data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                return Directory.Exists(data) ? data : null;
            }
        }

        return null;
    }

    public static string Folder => TryFind()
        ?? throw new InvalidOperationException("The shared data folder (../shared/data beside the directory of Orleans.LiveSim.sln) is missing; CI must provide it.");

    public static string LegacyStrategies => Path.Combine(Folder, "legacy-strategies");

    /// <summary>Why a test that needs the data is skipped, or null when it runs (data present, or CI=true so that it fails loudly).</summary>
    public static string? SkipReason =>
        TryFind() is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? "The shared data folder ../shared/data beside the repository is missing (it is not redistributed with the project); run with CI=true to make this a failure."
            : null;
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
