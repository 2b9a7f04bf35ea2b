using System.Reflection;

namespace Orleans.LiveSim.Cluster.Tests.Infrastructure;

/// <summary>Paths inside the repository: its root and the silo built beside these tests.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The silo's own output (built through the project reference, same configuration as the tests).</summary>
    public static string SiloDll
    {
        get
        {
            var configuration = typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var path = Path.Combine(Root, "src", "Orleans.LiveSim.Silo", "bin", configuration, "net10.0", "Orleans.LiveSim.Silo.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Build the silo first: {path} is missing.", path);
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orleans.LiveSim.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Orleans.LiveSim.sln not found above {AppContext.BaseDirectory}.");
    }
}
