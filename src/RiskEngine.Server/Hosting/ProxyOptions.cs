namespace RiskEngine.Server.Hosting;

/// <summary>
/// The TLS-terminating proxies in front of this server (section "Proxy"). Their <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed, so the client's address (throttling, logs) and scheme (HSTS) are the real
/// ones; the same headers from anyone else are ignored. None configured: no one's are believed.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>Addresses of the proxies, e.g. <c>10.0.0.5</c> or <c>::1</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row may have added to the headers (the nearest first).</summary>
    public int ForwardLimit { get; set; } = 1;
}
