using System.Net;
using System.Net.Sockets;

namespace RiskEngine.LoadTests.Hosting;

/// <summary>A loopback TCP port nobody listens on right now (the OS picks it).</summary>
public static class FreeTcpPort
{
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
