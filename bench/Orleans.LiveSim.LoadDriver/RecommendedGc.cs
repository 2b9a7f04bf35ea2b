using System.Diagnostics;

namespace Orleans.LiveSim.LoadDriver;

/// <summary>
/// The GC setting recommended for a silo with many sessions (docs/adr/0001, README, the Docker image): a 256 MB gen0
/// budget per GC heap. The runtime reads it only from the environment, so unless it is set (or <c>--gc-default</c> is
/// given) the driver starts itself again with it, and a plain run measures the silo as it is deployed. The run's header
/// line prints the GC variables it ran with.
/// </summary>
public static class RecommendedGc
{
    public const string Variable = "DOTNET_GCgen0size";

    public const string Value = "0x10000000";

    public static bool Applies(DriverOptions options) =>
        !options.GcDefault && options.Url is null && Environment.GetEnvironmentVariable(Variable) is null;

    /// <summary>Runs this driver again with the same arguments and <see cref="Variable"/> set; returns its exit code.</summary>
    public static async Task<int> RunAgainAsync(string[] args)
    {
        var info = DriverProcess.Again();
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment[Variable] = Value;
        Console.WriteLine($"{Variable} not set: running again with {Variable}={Value}, the silo's recommended gen0 budget (--gc-default: the runtime's own)");
        using var child = Process.Start(info)!;
        await child.WaitForExitAsync();
        return child.ExitCode;
    }
}
