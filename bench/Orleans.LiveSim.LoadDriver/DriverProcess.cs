using System.Diagnostics;

namespace Orleans.LiveSim.LoadDriver;

/// <summary>This program as a second process: the driver's watcher process and its rerun with the recommended GC setting, and the WebSocket floor's client process (which links this file).</summary>
public static class DriverProcess
{
    /// <summary>How to start this program again (arguments still to add), as <c>dotnet x.dll</c> or through its apphost, as it was started.</summary>
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
