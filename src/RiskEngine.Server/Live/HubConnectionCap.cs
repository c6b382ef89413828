using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RiskEngine.Server.Auth;

namespace RiskEngine.Server.Live;

/// <summary>
/// Caps the hub connections one person (or API key) holds on this server: a stolen token or a runaway script cannot
/// hold the server's connections and the frames it pushes to each. The connection over the cap is closed at once,
/// saying why.
/// </summary>
public sealed partial class HubConnectionCap(IOptions<HubLimitOptions> options, ILogger<HubConnectionCap> logger) : IHubFilter
{
    private static readonly object HolderKey = new();

    private readonly ConcurrentDictionary<string, int> _held = new(StringComparer.Ordinal);

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var user = context.Context.User;
        var holder = (user?.IsPerson() == true ? "person:" : "key:") + (user?.Actor() ?? "unknown");
        var cap = options.Value.MaxConnectionsPerPerson;
        if (_held.AddOrUpdate(holder, 1, (_, count) => count + 1) > cap)
        {
            Release(holder);
            LogRefused(logger, holder, cap);
            throw new HubException($"Too many connections: {user?.Actor()} already holds {cap} on this server; close a wall or console first.");
        }

        context.Context.Items[HolderKey] = holder;
        try
        {
            await next(context);
        }
        catch
        {
            // A connection whose start failed gets no disconnect event: give its place back now.
            context.Context.Items.Remove(HolderKey);
            Release(holder);
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            if (context.Context.Items.Remove(HolderKey, out var holder))
            {
                Release((string)holder!);
            }
        }
    }

    private void Release(string holder)
    {
        // Drops the entry once it reaches zero, so names seen once do not stay forever.
        if (_held.AddOrUpdate(holder, 0, (_, count) => count - 1) <= 0)
        {
            _held.TryRemove(KeyValuePair.Create(holder, 0));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub: refused a connection of {Holder}, who holds {Cap} already")]
    private static partial void LogRefused(ILogger logger, string holder, int cap);
}
