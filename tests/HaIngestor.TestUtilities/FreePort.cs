using System.Net;
using System.Net.Sockets;

namespace HaIngestor.TestUtilities;

/// <summary>Finds free loopback TCP ports for servers a test starts itself.</summary>
public static class FreePort
{
    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it, so parallel tests differ).</summary>
    public static int Get()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
