using System.Net;
using System.Net.Sockets;

namespace RiskEngine.Server.Hosting;

/// <summary>Picks a free loopback port, so embedded servers side by side do not fight over Orleans' defaults.</summary>
public static class FreePort
{
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
