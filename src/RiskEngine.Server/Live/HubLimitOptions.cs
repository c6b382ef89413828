using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Server.Live;

/// <summary>
/// What one caller may ask of the hub (section "Hub"): a token bucket of calls per connection, and a cap on the
/// connections one person (a user name, or an API key's name) holds on this server at once.
/// </summary>
public sealed class HubLimitOptions
{
    public const string Section = "Hub";

    /// <summary>Calls (Watch, Unwatch) a connection may make per second, sustained.</summary>
    [Range(1, 10_000)]
    public int CallsPerSecond { get; set; } = 5;

    /// <summary>Calls a connection may make at once before the rate applies (a wall watching its scopes on start).</summary>
    [Range(1, 10_000)]
    public int CallBurst { get; set; } = 20;

    /// <summary>Hub connections one person or API key may hold on this server at once (walls, consoles, tabs).</summary>
    [Range(1, 10_000)]
    public int MaxConnectionsPerPerson { get; set; } = 20;
}
