using System.Text.Json.Serialization;
using RiskEngine.LoadTests.Scenarios;

namespace RiskEngine.LoadTests.CommandLine;

/// <summary>What a scenario run was asked to do, after parsing and range checks; written into the report.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Phases">The traffic phases, in order.</param>
/// <param name="Entities">Entities registered before the traffic.</param>
/// <param name="Equipment">Equipment units registered before the traffic.</param>
/// <param name="Rate">Everyday traffic, signals per second offered (phases add their own streams on top).</param>
/// <param name="Seconds">Length of each phase.</param>
/// <param name="Batch">Signals per request.</param>
/// <param name="Clients">Concurrent clients of the registration.</param>
/// <param name="WallClients">SignalR wall clients connected during the traffic.</param>
/// <param name="HubProtocol">The protocol they speak.</param>
/// <param name="DuplicateFraction">Share of each batch that repeats signals sent before.</param>
/// <param name="MalformedFraction">Share of each batch spoiled on purpose.</param>
/// <param name="IncidentDistrict">The district of the food-safety incident.</param>
/// <param name="BaselineSeconds">Measured seconds of each baseline.</param>
/// <param name="Verify">Acknowledged signals re-posted afterwards; each must come back a duplicate.</param>
/// <param name="StatsIntervalSeconds">How often the servers' memory and activations are read.</param>
/// <param name="MaxOutstanding">Unanswered requests beyond which the generator stops sending (and counts what it skips).</param>
/// <param name="ServerDll">The server build to start.</param>
/// <param name="OutDirectory">Where the run's report folder goes.</param>
/// <param name="ServerSettings">Extra server configuration (Section:Key=value).</param>
/// <param name="Storage">Embedded SQLite (one server) or a PostgreSQL cluster.</param>
/// <param name="Servers">Server processes.</param>
/// <param name="Postgres">PostgreSQL connection string (never written to the reports).</param>
/// <param name="IsSoak">A soak: its report follows memory, storage, latency and errors minute by minute and says whether they stayed flat.</param>
public sealed record ScenarioSettings(
    string Scenario,
    IReadOnlyList<PhaseKind> Phases,
    int Entities,
    int Equipment,
    int Rate,
    int Seconds,
    int Batch,
    int Clients,
    int WallClients,
    HubProtocol HubProtocol,
    double DuplicateFraction,
    double MalformedFraction,
    string IncidentDistrict,
    int BaselineSeconds,
    int Verify,
    int StatsIntervalSeconds,
    int MaxOutstanding,
    string ServerDll,
    string OutDirectory,
    IReadOnlyDictionary<string, string> ServerSettings,
    StorageMode Storage,
    int Servers,
    [property: JsonIgnore] string? Postgres,
    bool IsSoak = false)
{
    /// <summary>The phase names, for the report.</summary>
    public IReadOnlyList<string> PhaseNames => Phases.Select(p => p.Name()).ToArray();
}
