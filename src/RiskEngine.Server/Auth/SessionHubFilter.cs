using Microsoft.AspNetCore.SignalR;

namespace RiskEngine.Server.Auth;

/// <summary>
/// Holds hub connections to the login they were opened with: every hub call of a person checks that their token has
/// not expired and their security stamp is current (otherwise the connection is closed), and people's connections are
/// tracked so that <see cref="RevokedSessionCloser"/> closes idle ones too.
/// </summary>
public sealed partial class SessionHubFilter(HubSessions sessions, SecurityMetrics metrics, ILogger<SessionHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var connection = invocation.Context;
        if (connection.User?.IsPerson() == true && !await sessions.StillHoldsAsync(connection, connection.ConnectionAborted))
        {
            LogRevokedCall(logger, connection.User!.Actor(), invocation.HubMethodName);
            connection.Abort();
            metrics.SessionClosed();
            throw new HubException("Your login has expired or was revoked; log in again.");
        }

        return await next(invocation);
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        // Tracked once connected: SignalR does not call OnDisconnectedAsync for a connection whose connecting failed.
        await next(context);
        sessions.Opened(context.Context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        sessions.Closed(context.Context.ConnectionId);
        return next(context, exception);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub: refused {Method} of {Actor}, whose login has expired or was revoked; the connection is closed")]
    private static partial void LogRevokedCall(ILogger logger, string actor, string method);
}
