using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using RiskEngine.Domain;
using RiskEngine.Server.Auth;

namespace RiskEngine.Server.Live;

/// <summary>
/// The live push at /hubs/risk. A client calls <c>Watch("city")</c> or <c>Watch("district:420112")</c>; it gets a
/// <c>snapshot</c> frame at once, then coalesced <c>delta</c> frames and <c>alert</c> events for that scope.
/// Supervisors and admins also get <c>escalation</c> events of their jurisdiction. Jurisdiction is checked on every Watch.
/// </summary>
[Authorize(Policy = Policies.Read)]
public sealed partial class RiskHub(WallPublisher publisher, RiskCatalog catalog, ILogger<RiskHub> logger) : Hub
{
    public const string Path = "/hubs/risk";

    /// <summary>Escalations of every district, for city-wide supervisors; district ones go to <see cref="EscalationsGroupOf"/>.</summary>
    public const string EscalationsGroup = "escalations";

    public static string EscalationsGroupOf(string district) => EscalationsGroup + ":" + district;

    public override async Task OnConnectedAsync()
    {
        if (Context.User is { } user && user.Role() is { } role && Roles.Supervising.Contains(role))
        {
            // A supervisor hears of escalations in their jurisdiction only: all of them when it is the whole city.
            var groups = user.Jurisdiction() is { } districts ? districts.Select(EscalationsGroupOf) : [EscalationsGroup];
            foreach (var group in groups)
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, group);
            }
        }

        await base.OnConnectedAsync();
    }

    /// <summary>Starts pushing <paramref name="scope"/> to this connection, beginning with a snapshot.</summary>
    public async Task Watch(string scope)
    {
        if (!WallScope.TryParse(scope, out var parsed) || (parsed.District is { } code && catalog.FindDistrict(code) is null))
        {
            throw new HubException($"Unknown scope '{scope}': use \"city\" or \"district:<code>\" with a district of this city.");
        }

        var user = Context.User!;
        if (parsed.District is null ? !user.SeesCity() : !user.CanSee(parsed.District))
        {
            LogRefused(logger, user.Actor(), scope);
            throw new HubException($"Forbidden: '{scope}' is outside your jurisdiction.");
        }

        // Join first, then snapshot: a delta racing the snapshot carries a higher version and wins, never a lower one.
        await Groups.AddToGroupAsync(Context.ConnectionId, parsed.Name);
        await Clients.Caller.SendAsync("snapshot", await publisher.SnapshotAsync(parsed));
    }

    public Task Unwatch(string scope) =>
        WallScope.TryParse(scope, out var parsed) ? Groups.RemoveFromGroupAsync(Context.ConnectionId, parsed.Name) : Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub: {Actor} may not watch {Scope}")]
    private static partial void LogRefused(ILogger logger, string actor, string scope);
}
