using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RiskEngine.Server.Hosting;

namespace RiskEngine.Server.Tests.Hosting;

/// <summary>
/// The real server (silo, storage, API) hosted in the test process on real Kestrel, bound to a free loopback
/// port, with its own data folder, the demo feed off and the test API keys.
/// </summary>
public sealed class EngineServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly WebApplication _app;
    private readonly TemporaryDirectory? _ownedData;
    private readonly X509Certificate2? _serverCertificate;

    private EngineServer(WebApplication app, Uri baseAddress, TemporaryDirectory? ownedData, X509Certificate2? serverCertificate)
    {
        _app = app;
        BaseAddress = baseAddress;
        _ownedData = ownedData;
        _serverCertificate = serverCertificate;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Builds, starts and waits for readiness. <paramref name="settings"/> override the defaults. A server given HTTPS
    /// endpoints in <paramref name="settings"/> names their <paramref name="serverCertificate"/>, which its clients then trust.
    /// </summary>
    public static async Task<EngineServer> StartAsync(
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        string? dataDirectory = null,
        Action<IServiceCollection>? services = null,
        X509Certificate2? serverCertificate = null)
    {
        var ownedData = dataDirectory is null ? new TemporaryDirectory() : null;
        var configuration = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Storage:DataDirectory"] = dataDirectory ?? ownedData!.Path,
            ["Demo:Enabled"] = "false",
            ["Seeds:Directory"] = RepositoryPaths.Seeds,
        };
        foreach (var (key, value) in QuietLogging.Settings.Concat(TestApiKeys.Configuration()).Concat(settings ?? []))
        {
            configuration[key] = value;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            // As when the server runs on its own: the OpenAPI document's title, for one, is taken from it.
            ApplicationName = typeof(Program).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            // The pages the server project's build wrote (ClientApp.targets), as `dotnet run` serves them.
            WebRootPath = Path.Combine(RepositoryPaths.ServerProject, "wwwroot"),
            EnvironmentName = "Production",
        });
        builder.Configuration.AddInMemoryCollection(configuration);
        services?.Invoke(builder.Services);
        builder.AddRiskEngine();
        var app = builder.Build();
        app.MapRiskEngine();
        try
        {
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            var server = new EngineServer(app, new Uri(address), ownedData, serverCertificate);
            await server.WaitUntilReadyAsync();
            return server;
        }
        catch
        {
            await app.DisposeAsync();
            ownedData?.Dispose();
            throw;
        }
    }

    /// <summary>A client of this server, presenting <paramref name="apiKey"/> when given.</summary>
    public HttpClient CreateClient(string? apiKey = TestApiKeys.Full)
    {
        var client = new HttpClient(CreateHandler()) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    /// <summary>A handler for this server's clients; over HTTPS it trusts the server's own test certificate and no other.</summary>
    public SocketsHttpHandler CreateHandler()
    {
        var handler = new SocketsHttpHandler();
        if (_serverCertificate is { } expected)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is not null && presented.GetCertHashString() == expected.GetCertHashString();
        }

        return handler;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _app.StopAsync(stopping.Token);
        }
        finally
        {
            await _app.DisposeAsync();
            _ownedData?.Dispose();
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = CreateClient(apiKey: null);
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The server at {BaseAddress} was not ready within {ReadyTimeout.TotalSeconds} s.");
            }

            await Task.Delay(100);
        }
    }
}
