namespace RiskEngine.LoadTests.Scenarios;

/// <summary>A named scenario: what it is for, its phases, and the defaults of its scale options.</summary>
/// <param name="Seconds">Length of each phase; for a soak, its whole length.</param>
/// <param name="IsSoak">Hours long: its length is given with --hours, and its report follows memory, storage, latency and errors minute by minute and says whether they stayed flat.</param>
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
    int StatsIntervalSeconds,
    bool IsSoak = false);
