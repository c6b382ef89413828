using System.Globalization;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>
/// The headline figures of a report as (what, figure, detail) rows, shared by the console table and the Markdown: the
/// SQLite run's here, a PostgreSQL run's (one row group per server count) in <see cref="ClusterSummaryRows"/>.
/// </summary>
public static class SummaryRows
{
    public static IReadOnlyList<(string What, string Figure, string Detail)> Of(IngestReport report)
    {
        if (report.Scaling is { } scaling)
        {
            return ClusterSummaryRows.Of(report, scaling);
        }

        var engine = report.Engine;
        var raw = report.Baseline;
        var loss = report.Loss;
        return
        [
            ("registration (HTTP)", $"{N(report.Registration.PerSecond)} entities/s",
                $"{N(report.Registration.Subjects)} entities in {report.Registration.Requests} batches of {report.Registration.BatchSize}, {F(report.Registration.Seconds)} s"),
            ("engine (HTTP, durable)", $"{N(engine.SignalsPerSecond)} signals/s",
                $"{N(engine.Accepted)} in {F(engine.Seconds)} s; {N(engine.Requests)} requests; latency ms p50 {F(engine.RequestLatency.P50Ms)}, p90 {F(engine.RequestLatency.P90Ms)}, p99 {F(engine.RequestLatency.P99Ms)}, max {F(engine.RequestLatency.MaxMs)}; refused (429/503) {engine.RefusedRequests}, failed {engine.FailedRequests}"),
            ("raw SQLite (same table)", $"{N(raw.RowsPerSecond)} rows/s",
                $"{N(raw.Rows)} in {F(raw.Seconds)} s; {N(raw.Transactions)} transactions; commit ms p50 {F(raw.CommitLatency.P50Ms)}, p90 {F(raw.CommitLatency.P90Ms)}, p99 {F(raw.CommitLatency.P99Ms)}, max {F(raw.CommitLatency.MaxMs)}"),
            ("CPU, engine span", Busy(engine.Cpu, report.Machine.Cores),
                $"{Split(engine.Cpu)}; per 1000 signals: server {Ms(engine.ServerCpuMsPer1000)} ms, clients {Ms(engine.ClientCpuMsPer1000)} ms"),
            ("CPU, raw span", Busy(raw.Cpu, report.Machine.Cores),
                $"{Split(raw.Cpu)}; per 1000 rows: writer {Ms(raw.CpuMsPer1000)} ms"),
            ("engine / raw", report.Ratio.ToString("P1", CultureInfo.InvariantCulture), "same machine, same run, same batch size and row shapes"),
            ("lost", $"{N(loss.Lost)} of {N(loss.Acknowledged)} acknowledged",
                $"re-posted {N(loss.Reposted)}: {N(loss.RepostDuplicates)} duplicates, {N(loss.RepostAccepted)} new; log file after kill -9: {N(loss.FoundInLogAfterKill)} found, {N(loss.MissingInLogAfterKill)} missing"),
            ("server log", $"{report.ServerLog.Warnings} warnings, {report.ServerLog.Errors} errors",
                report.ServerStartFailures.Count == 0
                    ? report.ServerLog.KeptAt
                    : $"{report.ServerLog.KeptAt}; {report.ServerStartFailures.Count} failed start(s) before this one, first: {report.ServerStartFailures[0]}"),
        ];
    }

    /// <summary>How busy the machine was over a span: "1.85 of 2 cores".</summary>
    public static string Busy(CpuUsage? cpu, int cores) => cpu is null
        ? "not measured"
        : string.Create(CultureInfo.InvariantCulture, $"{cpu.MachineBusyCores:0.00} of {cores} cores");

    /// <summary>Where the cores went over a span: the server, the load generator, PostgreSQL, everyone else, and I/O wait.</summary>
    public static string Split(CpuUsage? cpu) => cpu is null
        ? "no /proc here"
        : string.Create(CultureInfo.InvariantCulture,
            $"cores: server {cpu.ServerCores ?? 0:0.00}, load generator {cpu.LoadGeneratorCores:0.00}{(cpu.DatabaseCores is { } db ? $", PostgreSQL {db:0.00}" : "")}, other processes {cpu.OtherCores:0.00}, iowait {cpu.IoWaitCores:0.00}; load average {cpu.LoadAverage:0.0}");

    private static string Ms(double? value) => value is { } ms ? ms.ToString("0.0", CultureInfo.InvariantCulture) : "?";

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.0##", CultureInfo.InvariantCulture);
}
