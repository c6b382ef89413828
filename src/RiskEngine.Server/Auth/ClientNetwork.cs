using System.Net;
using System.Net.Sockets;

namespace RiskEngine.Server.Auth;

/// <summary>
/// The network a client address counts as for rate limits: an IPv4 address itself, an IPv6 address's /64 (one
/// subscriber usually holds a whole /64, so counting single IPv6 addresses would let one client rotate through
/// billions of them).
/// </summary>
public static class ClientNetwork
{
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
