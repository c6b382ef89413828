using Microsoft.Extensions.Options;

namespace RiskEngine.Server.Auth;

/// <summary>
/// Closes the hub connections of people whose token expired or whose login was revoked (disabled, or password, role or
/// jurisdiction changed), checking every open one each <see cref="RevocationOptions.RevalidationInterval"/>.
/// </summary>
public sealed partial class RevokedSessionCloser(HubSessions sessions, SecurityMetrics metrics, IOptions<RevocationOptions> options, ILogger<RevokedSessionCloser> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RevalidationInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CloseRevokedAsync(stoppingToken);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                // The store may be briefly unreachable; the next round tries again.
                LogCheckFailed(logger, error);
            }
        }
    }

    private async Task CloseRevokedAsync(CancellationToken cancellationToken)
    {
        foreach (var connection in sessions.Open)
        {
            if (!await sessions.StillHoldsAsync(connection, cancellationToken))
            {
                LogClosing(logger, connection.User!.Actor(), connection.ConnectionId);
                sessions.Closed(connection.ConnectionId);
                connection.Abort();
                metrics.SessionClosed();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub: closing connection {ConnectionId} of {Actor}, whose login has expired or was revoked")]
    private static partial void LogClosing(ILogger logger, string actor, string connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub: checking open connections' logins failed; trying again next round")]
    private static partial void LogCheckFailed(ILogger logger, Exception error);
}
