namespace RiskEngine.LoadTests.Scenarios;

/// <summary>A named scenario: what it is for, its phases, and the defaults of its scale options.</summary>
public sealed record ScenarioDefinition(
    string Name,
    string Purpose,
    IReadOnlyList<PhaseKind> Phases,
    int Entities,
    int Equipment,
    int Rate,
    int Seconds,
    int Batch,
    int WallClients,
    int BaselineSeconds,
    int Verify,
    int StatsIntervalSeconds);
