using System.Globalization;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>The headline figures of a report as (what, figure, detail) rows, shared by the console table and the Markdown.</summary>
public static class SummaryRows
{
    public static IReadOnlyList<(string What, string Figure, string Detail)> Of(IngestReport report)
    {
        var engine = report.Engine;
        var raw = report.Baseline;
        var loss = report.Loss;
        var postgres = report.Settings.Storage == CommandLine.StorageMode.Postgres;
        var engineName = postgres ? $"engine ({report.Settings.Servers} servers, HTTP, durable)" : "engine (HTTP, durable)";
        var rawName = postgres ? "raw COPY (same table)" : "raw SQLite (same table)";
        var rows = new List<(string What, string Figure, string Detail)>
        {
            ("registration (HTTP)", $"{N(report.Registration.PerSecond)} entities/s",
                $"{N(report.Registration.Subjects)} entities in {report.Registration.Requests} batches of {report.Registration.BatchSize}, {F(report.Registration.Seconds)} s"),
            (engineName, $"{N(engine.SignalsPerSecond)} signals/s",
                $"{N(engine.Accepted)} in {F(engine.Seconds)} s; {N(engine.Requests)} requests; latency ms p50 {F(engine.RequestLatency.P50Ms)}, p90 {F(engine.RequestLatency.P90Ms)}, p99 {F(engine.RequestLatency.P99Ms)}, max {F(engine.RequestLatency.MaxMs)}; refused (429/503) {engine.RefusedRequests}, failed {engine.FailedRequests}"),
            (rawName, $"{N(raw.RowsPerSecond)} rows/s",
                $"{N(raw.Rows)} in {F(raw.Seconds)} s; {N(raw.Transactions)} {(postgres ? "COPYs" : "transactions")}; commit ms p50 {F(raw.CommitLatency.P50Ms)}, p90 {F(raw.CommitLatency.P90Ms)}, p99 {F(raw.CommitLatency.P99Ms)}, max {F(raw.CommitLatency.MaxMs)}"),
            ("CPU, engine span", Busy(engine.Cpu, report.Machine.Cores),
                $"{Split(engine.Cpu)}; per 1000 signals: server {Ms(engine.ServerCpuMsPer1000)} ms, clients {Ms(engine.ClientCpuMsPer1000)} ms{Database(engine.Cpu, engine.Accepted)}"),
            ("CPU, raw span", Busy(raw.Cpu, report.Machine.Cores),
                $"{Split(raw.Cpu)}; per 1000 rows: writer {Ms(raw.CpuMsPer1000)} ms{Database(raw.Cpu, raw.Rows)}"),
            ("engine / raw", report.Ratio.ToString("P1", CultureInfo.InvariantCulture), postgres
                ? "same machine, same run, same batch size and row shapes; target >= 40%"
                : "same machine, same run, same batch size and row shapes"),
        };
        if (report.Naive is { } naive)
        {
            rows.Insert(3, ("naive WriteStateAsync", $"{N(naive.WritesPerSecond)} writes/s",
                $"{N(naive.Writes)} in {F(naive.Seconds)} s; {naive.Workers} connections, one WriteToStorageKey round trip per signal, {naive.PayloadBytes} B snapshot, {N(naive.Grains)} grains; write ms p50 {F(naive.WriteLatency.P50Ms)}, p90 {F(naive.WriteLatency.P90Ms)}, p99 {F(naive.WriteLatency.P99Ms)}, max {F(naive.WriteLatency.MaxMs)}"));
            rows.Add(("CPU, naive span", Busy(naive.Cpu, report.Machine.Cores),
                $"{Split(naive.Cpu)}; per 1000 writes: writer {Ms(naive.CpuMsPer1000)} ms{Database(naive.Cpu, naive.Writes)}"));
            rows.Add(("engine / naive", string.Create(CultureInfo.InvariantCulture, $"{report.NaiveRatio ?? 0:0.0}x"), "same machine, same run; target >= 30x"));
        }

        var lossRows = new List<(string What, string Figure, string Detail)>
        {
            ("lost", $"{N(loss.Lost)} of {N(loss.Acknowledged)} acknowledged",
                $"re-posted {N(loss.Reposted)}: {N(loss.RepostDuplicates)} duplicates, {N(loss.RepostAccepted)} new; {(postgres ? "signal_log after kill -9 of every server" : "log file after kill -9")}: {N(loss.FoundInLogAfterKill)} found, {N(loss.MissingInLogAfterKill)} missing"),
            ("server log", $"{report.ServerLog.Warnings} warnings, {report.ServerLog.Errors} errors",
                report.ServerStartFailures.Count == 0
                    ? report.ServerLog.KeptAt
                    : $"{report.ServerLog.KeptAt}; {report.ServerStartFailures.Count} failed start(s) before this one, first: {report.ServerStartFailures[0]}"),
        };
        return [.. rows, .. lossRows];
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

    private static string Database(CpuUsage? cpu, long items) =>
        cpu?.DatabaseCores is { } cores ? $", PostgreSQL {Ms(cpu.MillisecondsPer1000(cores, items))} ms" : "";

    private static string Ms(double? value) => value is { } ms ? ms.ToString("0.0", CultureInfo.InvariantCulture) : "?";

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.0##", CultureInfo.InvariantCulture);
}
