namespace RiskEngine.LoadTests.Reporting;

/// <summary>The bare Orleans grain-call rate: an in-process silo, a trivial grain, many concurrent callers.</summary>
/// <param name="Calls">Calls completed in the measured span.</param>
/// <param name="Callers">Concurrent callers, each awaiting its call before the next.</param>
/// <param name="Grains">Distinct grains called (activated in the warm-up).</param>
/// <param name="Seconds">The measured span.</param>
/// <param name="CallsPerSecond">Grain calls per second.</param>
/// <param name="CallLatency">Time of one call.</param>
/// <param name="Orleans">The Orleans version measured.</param>
/// <param name="Cpu">Where the machine's CPU went in the measured span.</param>
public sealed record GrainCallFigures(
    long Calls, int Callers, int Grains, double Seconds, double CallsPerSecond, LatencySummary CallLatency, string Orleans, CpuUsage? Cpu);
