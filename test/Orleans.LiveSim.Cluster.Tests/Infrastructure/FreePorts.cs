using System.Net;
using System.Net.Sockets;

namespace Orleans.LiveSim.Cluster.Tests.Infrastructure;

/// <summary>Loopback TCP ports that nothing listens on at the moment of asking.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
