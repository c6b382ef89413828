using System.Globalization;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>
/// A PostgreSQL ingest report as rows, shared by the console summary and the Markdown: each server count's figures
/// (durable, applied, CPU per signal, ratios), the baselines, the loss checks; the scaling table that sets the counts
/// side by side; and the targets.
/// </summary>
public static class ClusterSummaryRows
{
    /// <summary>The engine's durable signals/s at least this share of raw COPY's rows/s (the cluster's first benchmark target).</summary>
    private const string RawCopyTarget = "target >= 40%";

    /// <summary>The engine's durable signals/s at least this many times naive per-signal state writes.</summary>
    private const string NaiveTarget = "target >= 30x";

    public static IReadOnlyList<(string What, string Figure, string Detail)> Of(IngestReport report, ScalingFigures scaling)
    {
        var cores = report.Machine.Cores;
        var several = scaling.ServerCounts.Count > 1;
        var rows = new List<(string What, string Figure, string Detail)>();
        foreach (var count in scaling.ServerCounts)
        {
            var label = ServerCountFigures.Label(count.Servers);
            var suffix = several ? ", " + label : "";
            var engine = count.Engine;
            var registration = count.Registration;
            rows.Add(("registration (HTTP)" + suffix, $"{N(registration.PerSecond)} entities/s",
                $"{N(registration.Subjects)} entities in {registration.Requests} batches of {registration.BatchSize}, {F(registration.Seconds)} s"));
            rows.Add(($"engine ({label}, HTTP, durable)", $"{N(engine.SignalsPerSecond)} signals/s",
                $"{N(engine.Accepted)} in {F(engine.Seconds)} s; {N(engine.Requests)} requests; latency ms {ScenarioSummaryRows.Latency(engine.RequestLatency)}; "
                + $"refused (429/503) {engine.RefusedRequests}, failed {engine.FailedRequests}"));
            rows.Add(($"applied ({label})", count.Apply is { } apply ? $"{N(apply.AppliedPerSecond)} signals/s" : "not measured",
                count.Apply is { } a
                    ? $"appliedTotal summed over the servers grew {N(a.Applied)} in {F(a.Seconds)} s ({a.AppliedToDurable.ToString("P1", CultureInfo.InvariantCulture)} of durable); "
                        + $"apply lag at the start {N(a.ApplyLagAtStart)}, at the end {N(a.ApplyLagAtEnd)}, max {N(a.MaxApplyLag)}"
                    : count.StatsUnavailable ?? "the servers report no appliedTotal"));
            rows.Add(("CPU, engine span" + suffix, SummaryRows.Busy(engine.Cpu, cores),
                $"{SummaryRows.Split(engine.Cpu)}; per durable signal: servers {Us(count.ServerMicrosecondsPerSignal)}, "
                + $"PostgreSQL {Us(count.PostgresMicrosecondsPerSignal)}, load generator {Us(count.LoadGeneratorMicrosecondsPerSignal)}"));
            rows.Add(("engine / raw" + suffix, count.DurableToRawCopy.ToString("P1", CultureInfo.InvariantCulture),
                $"durable signals/s over raw COPY rows/s; same machine, same run, same batch size and row shapes; {RawCopyTarget}"));
            if (count.DurableToNaive is { } naiveRatio)
            {
                rows.Add(("engine / naive" + suffix, X(naiveRatio, "0.0"), $"durable signals/s over naive writes/s; same machine, same run; {NaiveTarget}"));
            }

            if (count.Servers != 1 && count.DurableToOneServer is { } scale)
            {
                rows.Add(($"{label} / 1 server", X(scale, "0.00"),
                    $"durable signals/s over 1 server's in this run" + (count.AppliedToOneServer is { } applied ? $"; applied {X(applied, "0.00")}" : "")));
            }

            rows.Add(("PostgreSQL per signal / raw COPY per row" + suffix, count.PostgresPerSignalToRawCopyPerRow is { } pg ? X(pg, "0.0") : "not measured",
                $"PostgreSQL CPU {Us(count.PostgresMicrosecondsPerSignal)} per durable signal over {Us(scaling.RawCopyPostgresMicrosecondsPerRow)} per raw COPY row"));
        }

        var raw = report.Baseline;
        rows.Add(("raw COPY (same table)", $"{N(raw.RowsPerSecond)} rows/s",
            $"{N(raw.Rows)} in {F(raw.Seconds)} s; {N(raw.Transactions)} COPYs; commit ms {ScenarioSummaryRows.Latency(raw.CommitLatency)}"));
        rows.Add(("CPU, raw span", SummaryRows.Busy(raw.Cpu, cores),
            $"{SummaryRows.Split(raw.Cpu)}; per row: PostgreSQL {Us(scaling.RawCopyPostgresMicrosecondsPerRow)}, writer {Us(raw.CpuMsPer1000)}"));
        if (report.Naive is { } naive)
        {
            rows.Add(("naive WriteStateAsync", $"{N(naive.WritesPerSecond)} writes/s",
                $"{N(naive.Writes)} in {F(naive.Seconds)} s; {naive.Workers} connections, one WriteToStorageKey round trip per signal, {naive.PayloadBytes} B snapshot, "
                + $"{N(naive.Grains)} grains; write ms {ScenarioSummaryRows.Latency(naive.WriteLatency)}"));
            rows.Add(("CPU, naive span", SummaryRows.Busy(naive.Cpu, cores),
                $"{SummaryRows.Split(naive.Cpu)}; per write: PostgreSQL {Us(naive.Cpu?.MillisecondsPer1000(naive.Cpu.DatabaseCores, naive.Writes))}, writer {Us(naive.CpuMsPer1000)}"));
        }

        if (several)
        {
            foreach (var count in scaling.ServerCounts)
            {
                rows.Add(($"lost, {ServerCountFigures.Label(count.Servers)}", $"{N(count.Loss.Lost)} of {N(count.Loss.Acknowledged)} acknowledged", LossDetail(count.Loss)));
            }
        }

        rows.Add((several ? "lost, all counts" : "lost", $"{N(report.Loss.Lost)} of {N(report.Loss.Acknowledged)} acknowledged", LossDetail(report.Loss)));
        rows.Add(("server log", $"{report.ServerLog.Warnings} warnings, {report.ServerLog.Errors} errors",
            report.ServerStartFailures.Count == 0
                ? report.ServerLog.KeptAt
                : $"{report.ServerLog.KeptAt}; {report.ServerStartFailures.Count} failed start(s) before the servers came up, first: {report.ServerStartFailures[0]}"));
        return rows;
    }

    /// <summary>The counts side by side, one row each, and raw COPY under them: the shape of the scaling at a glance.</summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) Table(IngestReport report, ScalingFigures scaling)
    {
        string[] header =
        [
            "servers", "durable/s", "x 1 server", "applied/s", "lag at end", "server µs/signal", "PostgreSQL µs/signal", "x raw COPY µs/row",
            "cores: servers, load gen, PostgreSQL, other", "p99 ms", "lost",
        ];
        var rows = scaling.ServerCounts.Select(count => (IReadOnlyList<string>)
        [
            count.Servers.ToString(CultureInfo.InvariantCulture),
            N(count.Engine.SignalsPerSecond),
            count.DurableToOneServer is { } scale ? X(scale, "0.00") : "-",
            count.Apply is { } apply ? N(apply.AppliedPerSecond) : "-",
            count.Apply is { } lag ? N(lag.ApplyLagAtEnd) : "-",
            Number(count.ServerMicrosecondsPerSignal),
            Number(count.PostgresMicrosecondsPerSignal),
            count.PostgresPerSignalToRawCopyPerRow is { } pg ? X(pg, "0.0") : "-",
            Cores(count.Engine.Cpu),
            Number(count.Engine.RequestLatency.P99Ms),
            N(count.Loss.Lost),
        ]).ToList();
        var raw = report.Baseline;
        rows.Add(
        [
            "raw COPY", N(raw.RowsPerSecond) + " rows", "-", "-", "-", "-", Number(scaling.RawCopyPostgresMicrosecondsPerRow) + " per row", X(1, "0.0"),
            Cores(raw.Cpu), Number(raw.CommitLatency.P99Ms), "-",
        ]);
        return (header, rows);
    }

    /// <summary>The targets beside the figures, as (what, figure, target, verdict, detail) rows.</summary>
    public static IReadOnlyList<(string What, string Figure, string Target, string Verdict, string Detail)> Targets(ScalingFigures scaling) =>
        scaling.Targets.Select(target => (target.What, CompareSummaryRows.Value(target), target.Target, CompareSummaryRows.Verdict(target), target.Detail)).ToArray();

    private static string LossDetail(LossFigures loss) =>
        $"re-posted {N(loss.Reposted)}: {N(loss.RepostDuplicates)} duplicates, {N(loss.RepostAccepted)} new; "
        + $"signal_log after kill -9 of every server: {N(loss.FoundInLogAfterKill)} found, {N(loss.MissingInLogAfterKill)} missing";

    private static string Cores(CpuUsage? cpu) => cpu is null
        ? "not measured"
        : string.Create(CultureInfo.InvariantCulture,
            $"{cpu.ServerCores ?? 0:0.00}, {cpu.LoadGeneratorCores:0.00}, {cpu.DatabaseCores ?? 0:0.00}, {cpu.OtherCores:0.00}");

    private static string Us(double? microseconds) => microseconds is { } us ? us.ToString("0.0", CultureInfo.InvariantCulture) + " µs" : "? µs";

    private static string Number(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    private static string X(double ratio, string format) => ratio.ToString(format, CultureInfo.InvariantCulture) + "x";

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.0##", CultureInfo.InvariantCulture);
}
