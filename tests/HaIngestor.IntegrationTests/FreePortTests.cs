using System.Net;
using System.Net.Sockets;
using HaIngestor.TestUtilities;

namespace HaIngestor.IntegrationTests;

public sealed class FreePortTests
{
    [Fact]
    public void Get_Always_ReturnsALoopbackPortThatCanBeBound()
    {
        var port = FreePort.Get();

        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        Assert.Equal(port, ((IPEndPoint)listener.LocalEndpoint).Port);
    }
}
