namespace RiskEngine.LoadTests.Reporting;

/// <summary>A yardstick run beside the engine: its figure, or why there is none.</summary>
/// <param name="Name">Its folder under the peers directory (intake-only, pg-only).</param>
/// <param name="Description">What it does, in words.</param>
/// <param name="Command">The command line it was run with.</param>
/// <param name="SignalsPerSecond">The signals per second its output reported; null when it did not run or reported none.</param>
/// <param name="NotRun">Why there is no figure (missing, failed to build or start, no result line); null when there is one.</param>
/// <param name="Cpu">
/// Where the machine's CPU went over its measured span (the last --seconds before its result line): "server" is the
/// yardstick's own processes (its server and its driver), "database" PostgreSQL's.
/// </param>
/// <param name="CpuMsPer1000">CPU milliseconds of its processes (PostgreSQL's included) per 1000 signals.</param>
/// <param name="ExitCode">Its exit code; null when it was stopped at its time limit or never started.</param>
/// <param name="WallSeconds">The whole run, its build and start included.</param>
/// <param name="OutputTail">Its last lines of output.</param>
public sealed record YardstickFigures(
    string Name,
    string Description,
    string Command,
    double? SignalsPerSecond,
    string? NotRun,
    CpuUsage? Cpu,
    double? CpuMsPer1000,
    int? ExitCode,
    double WallSeconds,
    IReadOnlyList<string> OutputTail);
