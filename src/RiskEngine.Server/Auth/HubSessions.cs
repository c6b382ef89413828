using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace RiskEngine.Server.Auth;

/// <summary>This server's open hub connections of people, so that revoked logins can be found and closed.</summary>
public sealed class HubSessions
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _open = new(StringComparer.Ordinal);

    public int Count => _open.Count;

    public IEnumerable<HubCallerContext> Open => _open.Values;

    public void Opened(HubCallerContext connection)
    {
        if (connection.User?.IsPerson() == true)
        {
            _open[connection.ConnectionId] = connection;
        }
    }

    public void Closed(string connectionId) => _open.TryRemove(connectionId, out _);
}
