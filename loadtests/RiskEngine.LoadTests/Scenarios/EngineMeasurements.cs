using RiskEngine.LoadTests.Reporting;
using RiskEngine.LoadTests.Stats;
using RiskEngine.LoadTests.Traffic;
using RiskEngine.LoadTests.Wall;

namespace RiskEngine.LoadTests.Scenarios;

/// <summary>What the servers' side of a scenario run measured, handed to the report.</summary>
/// <param name="TrafficStartSeconds">When the traffic started, on the clock of the samples' <see cref="StatsSample.Seconds"/>.</param>
public sealed record EngineMeasurements(
    RegistrationFigures EntityRegistration,
    RegistrationFigures? EquipmentRegistration,
    IReadOnlyList<PhasePlan> Plans,
    IReadOnlyList<PhaseRecorder> Recorders,
    PhaseRecorder Total,
    WallLatency WallLatency,
    WallFigures Wall,
    SecondSeries Series,
    StatsSample? Idle,
    IReadOnlyList<StatsSample> Samples,
    string? StatsUnavailable,
    LossFigures Loss,
    string? RepostFailure,
    double TrafficStartSeconds);
