namespace RiskEngine.LoadTests.Reporting;

/// <summary>
/// Where the machine's CPU went during a measured span, in cores (CPU seconds per second): so a figure disturbed
/// by other work on the machine can be told apart, and so the cost of a signal can be read independently of it.
/// </summary>
/// <param name="Seconds">Length of the span.</param>
/// <param name="MachineBusyCores">All processes together (of <see cref="MachineInfo.Cores"/>).</param>
/// <param name="ServerCores">The server process, when it ran.</param>
/// <param name="LoadGeneratorCores">This program (clients, or the raw SQLite writer).</param>
/// <param name="OtherCores">Everything else on the machine: noise.</param>
/// <param name="IoWaitCores">Idle time with I/O outstanding.</param>
/// <param name="LoadAverage">The 1-minute load average at the end of the span.</param>
/// <param name="DatabaseCores">PostgreSQL mode: all processes named postgres (whoever's queries they ran), not counted in <paramref name="OtherCores"/>; else null.</param>
public sealed record CpuUsage(
    double Seconds,
    double MachineBusyCores,
    double? ServerCores,
    double LoadGeneratorCores,
    double OtherCores,
    double IoWaitCores,
    double LoadAverage,
    double? DatabaseCores = null)
{
    /// <summary>CPU milliseconds per 1000 items done in the span, for a share of <paramref name="cores"/> over it.</summary>
    public double? MillisecondsPer1000(double? cores, long items) =>
        cores is { } busy && items > 0 ? Math.Round(busy * Seconds * 1_000_000 / items, 1) : null;
}
