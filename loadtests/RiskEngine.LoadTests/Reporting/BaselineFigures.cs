namespace RiskEngine.LoadTests.Reporting;

/// <summary>The raw SQLite yardstick: batched inserts into the same table, same pragmas, one connection.</summary>
/// <param name="Rows">Rows inserted and committed in the measured span.</param>
/// <param name="Transactions">Transactions committed in the measured span.</param>
/// <param name="Seconds">The measured span.</param>
/// <param name="RowsPerSecond">Durable rows per second.</param>
/// <param name="CommitLatency">Time of one transaction (its inserts and the fsync'd commit).</param>
/// <param name="Pragmas">The pragmas the connection ran with, as SQLite reported them back.</param>
/// <param name="Cpu">Where the machine's CPU went in the measured span.</param>
/// <param name="CpuMsPer1000">The writer's CPU milliseconds per 1000 durable rows.</param>
public sealed record BaselineFigures(
    long Rows,
    long Transactions,
    double Seconds,
    double RowsPerSecond,
    LatencySummary CommitLatency,
    string Pragmas,
    CpuUsage? Cpu,
    double? CpuMsPer1000);
