using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace RiskEngine.Server.Auth;

/// <summary>
/// This server's open hub connections of people, and whether each one's login still holds: a connection outlives
/// neither its token (expiry) nor its owner's account (<see cref="SecurityStamps"/>).
/// </summary>
public sealed class HubSessions(SecurityStamps stamps, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _open = new(StringComparer.Ordinal);

    public IEnumerable<HubCallerContext> Open => _open.Values;

    public void Opened(HubCallerContext connection)
    {
        if (connection.User?.IsPerson() == true)
        {
            _open[connection.ConnectionId] = connection;
        }
    }

    public void Closed(string connectionId) => _open.TryRemove(connectionId, out _);

    /// <summary>False once the connection's token has expired or its owner's login was revoked.</summary>
    public async ValueTask<bool> StillHoldsAsync(HubCallerContext connection, CancellationToken cancellationToken)
    {
        var user = connection.User!;
        if (user.ExpiresAt() is { } expires && expires <= clock.GetUtcNow())
        {
            return false;
        }

        return await stamps.IsCurrentAsync(user, cancellationToken);
    }
}
