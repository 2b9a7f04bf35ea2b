using System.Diagnostics;

namespace Orleans.LiveSim.LoadDriver;

/// <summary>This driver as a second process: the watcher process, and a run started again with the recommended GC setting.</summary>
public static class DriverProcess
{
    /// <summary>How to start this driver again (arguments still to add), as <c>dotnet driver.dll</c> or through its apphost, as it was started.</summary>
    public static ProcessStartInfo Again()
    {
        var host = Environment.ProcessPath!;
        var info = new ProcessStartInfo(host) { UseShellExecute = false };
        // Started as `dotnet driver.dll`: the host needs the assembly first; started through the apphost it does not.
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            info.ArgumentList.Add(typeof(DriverProcess).Assembly.Location);
        }

        return info;
    }
}
