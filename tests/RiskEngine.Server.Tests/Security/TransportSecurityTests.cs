using System.Net;
using System.Net.Sockets;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Security;

/// <summary>
/// HTTPS on real Kestrel with a certificate from configuration, and the server behind a TLS proxy: the forwarded client
/// address and scheme are believed from a known proxy only, and whatever came over HTTPS is answered with HSTS.
/// </summary>
public sealed class TransportSecurityTests
{
    // Loopback addresses both: the test's "proxy" connects from the second, everyone else from the first.
    private static readonly IPAddress Proxy = IPAddress.Parse("127.0.0.2");
    private const string PublicHost = "risk.example.test";

    [Fact]
    public async Task Kestrel_serves_https_with_the_configured_certificate_and_answers_with_hsts()
    {
        using var secrets = new TemporaryDirectory();
        using var certificate = TestCertificates.Create(PublicHost);
        var path = TestCertificates.WritePkcs12(certificate, secrets.Path);
        await using var server = await EngineServer.StartAsync(
            [
                new("Kestrel:Endpoints:Https:Url", "https://127.0.0.1:0"),
                new("Kestrel:Endpoints:Https:Certificate:Path", path),
                new("Kestrel:Endpoints:Https:Certificate:Password", TestCertificates.Password),
            ],
            serverCertificate: certificate);
        using var client = server.CreateClient();

        Assert.Equal(Uri.UriSchemeHttps, server.BaseAddress.Scheme);
        using var districts = await client.SendAsync(Request(HttpMethod.Get, "/api/v1/districts"));
        Assert.Equal(HttpStatusCode.OK, districts.StatusCode);
        Assert.StartsWith("max-age=", Assert.Single(districts.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_known_proxy_forwards_the_client_address_and_scheme_and_anyone_else_is_not_believed()
    {
        await using var server = await EngineServer.StartAsync(
        [
            new("Proxy:KnownProxies:0", Proxy.ToString()),
            // One request a second per caller: the second unauthenticated request of a client address is refused.
            new("Ingest:RequestsPerSecond", "1"),
            new("Ingest:RequestBurst", "1"),
        ]);
        using var viaProxy = new HttpClient(FromAddress(server, Proxy)) { BaseAddress = server.BaseAddress };
        using var direct = server.CreateClient(apiKey: null);

        // Through the proxy, each forwarded client has its own allowance.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(viaProxy, "/api/v1/districts", forwardedFor: "203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(viaProxy, "/api/v1/districts", forwardedFor: "203.0.113.7"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(viaProxy, "/api/v1/districts", forwardedFor: "203.0.113.8"));

        // Directly, the header is the caller's own word: the allowance is the connection's address, whatever it claims.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(direct, "/api/v1/districts", forwardedFor: "203.0.113.9"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(direct, "/api/v1/districts", forwardedFor: "203.0.113.10"));

        // HTTPS at the proxy means HSTS; a claim of HTTPS from anyone else, or plain HTTP at the proxy, does not.
        Assert.True(await HasHstsAsync(viaProxy, forwardedProto: "https"));
        Assert.False(await HasHstsAsync(viaProxy, forwardedProto: null));
        Assert.False(await HasHstsAsync(direct, forwardedProto: "https"));
    }

    [Theory]
    [InlineData("Proxy:KnownProxies:0", "10.0.0.300", "Proxy:KnownProxies:0 must be an IP address (was '10.0.0.300')")]
    [InlineData("Proxy:KnownNetworks:0", "10.0.0.0/33", "Proxy:KnownNetworks:0 must be a network in CIDR notation such as 10.0.0.0/24 (was '10.0.0.0/33')")]
    public async Task A_proxy_that_does_not_parse_stops_the_server_with_a_clear_line(string key, string value, string expected)
    {
        using var data = new TemporaryDirectory();

        var (exitCode, output) = await EngineProcess.RunUntilExitAsync(data.Path, $"--{key}={value}");

        Assert.Equal(1, exitCode);
        Assert.Equal($"Configuration error: {expected}", output.Trim());
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? forwardedFor = null, string? forwardedProto = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Host = PublicHost;
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        return request;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path, string forwardedFor)
    {
        using var response = await client.SendAsync(Request(HttpMethod.Get, path, forwardedFor));
        return response.StatusCode;
    }

    private static async Task<bool> HasHstsAsync(HttpClient client, string? forwardedProto)
    {
        using var response = await client.SendAsync(Request(HttpMethod.Get, "/health/live", forwardedProto: forwardedProto));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.Contains("Strict-Transport-Security");
    }

    /// <summary>A handler whose connections come from <paramref name="source"/>, as a proxy's would.</summary>
    private static SocketsHttpHandler FromAddress(EngineServer server, IPAddress source)
    {
        var handler = server.CreateHandler();
        handler.ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
        return handler;
    }
}
