using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace RiskEngine.Server.Hosting;

/// <summary>
/// Once the server listens, says on the console where to open the wall (and the scrape endpoint, when there is one):
/// with the start-up chatter at Warning (appsettings.json), this and the generated secrets are what a start prints.
/// </summary>
public sealed class WallAddressBanner(IServer server, IHostApplicationLifetime lifetime, IOptions<ObservabilityOptions> observability) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            Console.WriteLine($"RiskEngine is listening: open the wall at {Openable(address)}/ (people log in at /login.html; API under /api/v1)");
        }

        if (observability.Value.PrometheusPort is { } port)
        {
            Console.WriteLine($"Prometheus metrics at http://{Openable(observability.Value.PrometheusHost)}:{port}/metrics");
        }
    }

    // A wildcard binding listens everywhere; loopback is the address that surely opens from this machine.
    private static string Openable(string address) => address
        .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
        .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
        .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
        .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
        .Replace("*", "127.0.0.1", StringComparison.Ordinal)
        .TrimEnd('/');
}
