using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Npgsql;
using RiskEngine.Server.Hosting;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Cluster;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Security;

/// <summary>
/// The Orleans ports of real server processes, as the kernel lists the process's listening sockets: the silo on the
/// advertised address alone, no gateway unless configured, loopback only in embedded mode; and silo traffic over
/// mutually authenticated TLS when a certificate is configured.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class SiloPortTests
{
    [Theory]
    [InlineData("127.0.0.2", "127.0.0.2")]
    [InlineData("localhost", "127.0.0.1")]
    public async Task In_cluster_mode_the_silo_listens_on_the_advertised_address_only_and_there_is_no_gateway(string advertised, string boundTo)
    {
        await using var database = await ClusterDatabase.CreateAsync();
        using var data = new TemporaryDirectory();
        var siloPort = FreePort.Pick();
        using var server = await EngineProcess.StartAsync(data.Path, ClusterServerSettings.For(database.ConnectionString,
            new("Orleans:AdvertisedHost", advertised),
            new("Orleans:SiloPort", siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Equal(
            Sorted([HttpEndpoint(server), new IPEndPoint(IPAddress.Parse(boundTo), siloPort)]),
            Sorted(ListeningSockets.Of(server.ProcessId)));
    }

    [Fact]
    public async Task A_configured_gateway_listens_on_the_advertised_address_too()
    {
        await using var database = await ClusterDatabase.CreateAsync();
        using var data = new TemporaryDirectory();
        var (siloPort, gatewayPort) = (FreePort.Pick(), FreePort.Pick());
        using var server = await EngineProcess.StartAsync(data.Path, ClusterServerSettings.For(database.ConnectionString,
            new("Orleans:AdvertisedHost", "127.0.0.2"),
            new("Orleans:SiloPort", siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Orleans:GatewayPort", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        var advertised = IPAddress.Parse("127.0.0.2");
        Assert.Equal(
            Sorted([HttpEndpoint(server), new IPEndPoint(advertised, siloPort), new IPEndPoint(advertised, gatewayPort)]),
            Sorted(ListeningSockets.Of(server.ProcessId)));
    }

    [Fact]
    public async Task In_embedded_mode_everything_listens_on_loopback_and_there_is_no_gateway()
    {
        using var data = new TemporaryDirectory();
        using var server = await EngineProcess.StartAsync(data.Path);

        var listening = ListeningSockets.Of(server.ProcessId);

        // The API where the test put it, and the silo's one port; nothing else, nothing off loopback.
        Assert.Equal(2, listening.Count);
        Assert.Contains(HttpEndpoint(server), listening);
        Assert.All(listening, endpoint => Assert.Equal(IPAddress.Loopback, endpoint.Address));
    }

    [Fact]
    public async Task Servers_with_the_cluster_certificate_form_a_cluster_over_tls_and_the_silo_port_admits_no_one_else()
    {
        await using var database = await ClusterDatabase.CreateAsync();
        using var dataA = new TemporaryDirectory();
        using var dataB = new TemporaryDirectory();
        using var secrets = new TemporaryDirectory();
        using var clusterCertificate = TestCertificates.Create("riskengine-silo");
        using var stranger = TestCertificates.Create("riskengine-silo");
        var certificatePath = TestCertificates.WritePkcs12(clusterCertificate, secrets.Path);
        var (siloA, siloB) = (FreePort.Pick(), FreePort.Pick());
        KeyValuePair<string, string?>[] Settings(int siloPort) => ClusterServerSettings.For(database.ConnectionString,
            new("Orleans:SiloPort", siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Orleans:Tls:CertificatePath", certificatePath),
            new("Orleans:Tls:CertificatePassword", TestCertificates.Password));
        var started = await Task.WhenAll(EngineProcess.StartAsync(dataA.Path, Settings(siloA)), EngineProcess.StartAsync(dataB.Path, Settings(siloB)));
        using var a = started[0];
        using var b = started[1];

        // Both are active members, and grain calls cross between them: subjects posted to A answer from B, wherever they live.
        await Eventually.ReadAsync(() => ActiveSilosAsync(database.ConnectionString), count => count == 2, "both servers are active members", TimeSpan.FromSeconds(30));
        var subjects = Enumerable.Range(0, 30).Select(_ => TestSubjects.Uscc(TestSubjects.Jiangan)).ToArray();
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();
        var posted = await clientA.PostAsJsonAsync("/api/v1/signals", subjects.Select((s, i) => new
        {
            source = "tls-test", sourceId = $"tls-{i}", kind = "complaint", subjectId = s, occurredAt = DateTimeOffset.UtcNow.AddMinutes(-5), data = new { },
        }));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        foreach (var subject in subjects)
        {
            await Eventually.ReadAsync(() => SignalCountAsync(clientB, subject), count => count == 1, $"{subject} answers from B with its signal", TimeSpan.FromSeconds(30));
        }

        // The silo port speaks TLS, and lets in only the cluster's certificate.
        var silo = new IPEndPoint(IPAddress.Loopback, siloA);
        Assert.True(await RejectsAsync(silo, stranger), "the silo port kept a connection presenting another certificate");
        Assert.True(await RejectsAsync(silo, clientCertificate: null), "the silo port kept a connection presenting no certificate");
        Assert.True(await DropsPlainConnectionAsync(silo), "the silo port kept a plain-TCP connection open after Orleans-like bytes");
        using (var member = await HandshakeAsync(silo, clusterCertificate))
        {
            Assert.Equal(clusterCertificate.Thumbprint, new X509Certificate2(member.RemoteCertificate!).Thumbprint);
        }
    }

    [Theory]
    [InlineData("missing.pfx", TestCertificates.Password, "no file at {path}")]
    [InlineData("server.pfx", "wrong-password", "{path} could not be read as a certificate with its private key (wrong Orleans:Tls:CertificatePassword?)")]
    public async Task A_silo_certificate_that_cannot_be_used_stops_the_server_with_a_clear_line(string file, string password, string expected)
    {
        using var data = new TemporaryDirectory();
        using var certificate = TestCertificates.Create("riskengine-silo");
        TestCertificates.WritePkcs12(certificate, data.Path);
        var path = Path.Combine(data.Path, file);

        var (exitCode, output) = await EngineProcess.RunUntilExitAsync(data.Path,
            $"--Orleans:Tls:CertificatePath={path}", $"--Orleans:Tls:CertificatePassword={password}");

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"Configuration error: Orleans:Tls:CertificatePath: {expected.Replace("{path}", path, StringComparison.Ordinal)}", output.Trim(), StringComparison.Ordinal);
    }

    private static IPEndPoint HttpEndpoint(EngineProcess server) => new(IPAddress.Parse(server.BaseAddress.Host), server.BaseAddress.Port);

    private static List<IPEndPoint> Sorted(IEnumerable<IPEndPoint> endpoints) => [.. endpoints.OrderBy(e => e.ToString(), StringComparer.Ordinal)];

    private static async Task<int> ActiveSilosAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleans_membership WHERE status = 3", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<int> SignalCountAsync(HttpClient client, string subject)
    {
        using var response = await client.GetAsync($"/api/v1/entities/{subject}");
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!["signalCount"]!.GetValue<int>() : -1;
    }

    /// <summary>
    /// Whether the silo refuses a TLS client presenting <paramref name="clientCertificate"/>: the handshake fails, or
    /// the server closes the connection right after it (on Linux it judges the client's certificate once the handshake
    /// is through, so the client may see it complete first).
    /// </summary>
    private static async Task<bool> RejectsAsync(IPEndPoint silo, X509Certificate2? clientCertificate)
    {
        SslStream tls;
        try
        {
            tls = await HandshakeAsync(silo, clientCertificate);
        }
        catch (Exception error) when (error is AuthenticationException or IOException)
        {
            return true;
        }

        await using (tls)
        {
            return await ClosedByServerAsync(tls);
        }
    }

    // TLS 1.2, where the server's verdict on the client's certificate is part of the handshake (1.3 gives it after). Each
    // handshake names a host of its own, so none resumes an earlier one's session (and skips the client certificate).
    private static async Task<SslStream> HandshakeAsync(IPEndPoint silo, X509Certificate2? clientCertificate)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(silo);
        var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = $"silo-{Guid.NewGuid():n}",
                EnabledSslProtocols = SslProtocols.Tls12,
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            }, timeout.Token);
            return tls;
        }
        catch
        {
            await tls.DisposeAsync();
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Whether the silo closes a connection that opens with Orleans' plain-text preamble instead of a TLS hello.</summary>
    private static async Task<bool> DropsPlainConnectionAsync(IPEndPoint silo)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(silo);
        var stream = tcp.GetStream();
        var preamble = new byte[64];
        BitConverter.TryWriteBytes(preamble, 60);
        try
        {
            await stream.WriteAsync(preamble);
        }
        catch (IOException)
        {
            return true;
        }

        return await ClosedByServerAsync(stream);
    }

    /// <summary>Whether the server ends the connection within 15 s (after an alert, perhaps); a silo that took it would wait for more.</summary>
    private static async Task<bool> ClosedByServerAsync(Stream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[256];
        try
        {
            while (await stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (Exception error) when (error is IOException or AuthenticationException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
