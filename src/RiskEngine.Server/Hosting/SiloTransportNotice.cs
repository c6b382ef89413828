namespace RiskEngine.Server.Hosting;

/// <summary>Says at start, in cluster mode without "Orleans:Tls", that silo traffic crosses the network in clear.</summary>
public sealed partial class SiloTransportNotice(ILogger<SiloTransportNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogUnencrypted(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Silo traffic is neither encrypted nor authenticated: anyone who reaches the silo port can join the cluster. Set Orleans:Tls:CertificatePath (README.md, Security).")]
    private static partial void LogUnencrypted(ILogger logger);
}
