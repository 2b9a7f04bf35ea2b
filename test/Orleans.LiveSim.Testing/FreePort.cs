using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Orleans.LiveSim.Testing;

/// <summary>
/// Free TCP ports on loopback, for servers and silos started by tests. They are taken below Linux's ephemeral range
/// (32768-60999): a port the OS hands out for "any free port" is also what it hands to the next outgoing connection
/// (PostgreSQL, NATS, HTTP clients), which took such a port between the pick and a silo's bind ("address already in
/// use"). A port is handed out once per test process, and only if it can be bound right now.
/// </summary>
public static class FreePort
{
    private const int First = 20000;
    private const int Last = 32000;
    private static readonly ConcurrentDictionary<int, bool> Given = new();

    public static int Next()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            if (Given.TryAdd(port, true) && CanBind(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {Last} after 1000 tries.");
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
