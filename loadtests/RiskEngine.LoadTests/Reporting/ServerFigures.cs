using RiskEngine.LoadTests.Stats;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>The servers' memory and live grains over the run (GET /api/v1/system/stats).</summary>
/// <param name="Samples">The readings, summed over the servers.</param>
/// <param name="Unavailable">Why there are none, when there are none.</param>
/// <param name="MemoryPerActiveGrain">From the registered-but-idle reading to the most loaded one; null when it cannot be computed.</param>
/// <param name="PeakWorkingSetBytes">Largest working set read.</param>
/// <param name="PeakActivations">Most live activations read.</param>
public sealed record ServerFigures(
    IReadOnlyList<StatsSample> Samples,
    string? Unavailable,
    MemoryPerGrainFigures? MemoryPerActiveGrain,
    long PeakWorkingSetBytes,
    long PeakActivations);
