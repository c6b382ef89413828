using System.Globalization;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>The figures of a compare report as rows (and its targets as rows of their own), shared by the console table and the Markdown.</summary>
public static class CompareSummaryRows
{
    public static IReadOnlyList<(string What, string Figure, string Detail)> Of(CompareReport report)
    {
        var cores = report.Machine.Cores;
        var rows = new List<(string, string, string)>();
        var endToEnd = report.EndToEnd;
        Side(rows, "(a) end to end", endToEnd, cores);
        rows.Add(("(a) applied", endToEnd.Apply is { } apply ? $"{N(apply.AppliedPerSecond)} signals/s" : "not measured",
            endToEnd.Apply is { } a
                ? $"{a.AppliedToDurable:P1} of durable; apply lag at start {N(a.ApplyLagAtStart)}, at end {N(a.ApplyLagAtEnd)}, max {N(a.MaxApplyLag)}"
                    + (a.DrainSeconds is { } drained ? $", drained {F(drained)} s after" : a.ApplyLagAtEnd > 0 ? ", did not drain within a minute" : "")
                : endToEnd.StatsUnavailable ?? "the server reports no appliedTotal"));
        rows.Add(("(a) memory per resident subject", endToEnd.Memory is { } memory ? $"{N(memory.WorkingSetBytesPerSubject)} B" : "not measured",
            endToEnd.Memory is { } m
                ? $"working set {Gib(m.WorkingSetBytes)} over {N(m.ResidentSnapshots)} resident snapshots ({N(m.UnwrittenSnapshots)} unwritten); "
                    + $"snapshot payload {N(m.SnapshotBytesPerSubject)} B per subject ({Gib(m.ResidentSnapshotBytes)} in all)"
                    + (m.WorkingSetGrowthPerSubject is { } growth ? $"; working-set growth since registration {N(growth)} B per subject" : "")
                : endToEnd.StatsUnavailable ?? "the server reports no resident snapshots"));

        if (report.Overload is { } overload)
        {
            var phase = overload.Phase;
            rows.Add(("(a) overload", $"kept {overload.KeptFraction:P1}",
                $"{F(overload.Factor)}x {N(overload.BaseDurablePerSecond)}/s: {N(phase.OfferedPerSecond)} signals/s offered for {F(phase.Seconds)} s; durable {N(phase.DurablePerSecond)}/s; "
                + $"refused {N(overload.RequestsRefused)} requests ({N(overload.SignalsRefused)} signals); other errors {N(overload.OtherErrors)}; "
                + $"answer ms {ScenarioSummaryRows.Latency(phase.IngestLatency)}; sender lag p99 {F(phase.SenderLag.P99Ms)} ms"
                + (overload.MaxApplyLag is { } lag ? $"; max apply lag {N(lag)}" : "")));
            rows.Add(("(a) overload CPU", SummaryRows.Busy(overload.Cpu, cores), $"{SummaryRows.Split(overload.Cpu)}; per 1000 durable signals: server {Ms(overload.ServerCpuMsPer1000)} ms"));
        }
        else
        {
            rows.Add(("(a) overload", "not run", report.Settings.OverloadFactor == 0 ? "--overload-factor 0" : "the end-to-end side made nothing durable"));
        }

        Side(rows, "(b) HTTP and log alone", report.HttpAndLog, cores);

        var raw = report.RawAppend;
        rows.Add(("(c) raw SQLite append", $"{N(raw.RowsPerSecond)} rows/s",
            $"{N(raw.Rows)} in {F(raw.Seconds)} s; {N(raw.Transactions)} transactions; commit ms {ScenarioSummaryRows.Latency(raw.CommitLatency)}; {raw.Pragmas}"));
        rows.Add(("(c) raw append CPU", SummaryRows.Busy(raw.Cpu, cores), $"{SummaryRows.Split(raw.Cpu)}; per 1000 rows: writer {Ms(raw.CpuMsPer1000)} ms"));

        foreach (var yardstick in report.Yardsticks)
        {
            if (yardstick.SignalsPerSecond is { } rate)
            {
                rows.Add(($"(d) {yardstick.Name}", $"{N(rate)} signals/s", $"{yardstick.Command}; {yardstick.Description}"));
                rows.Add(($"(d) {yardstick.Name} CPU", SummaryRows.Busy(yardstick.Cpu, cores), $"{YardstickSplit(yardstick.Cpu)}; per 1000 signals: {Ms(yardstick.CpuMsPer1000)} ms"));
            }
            else
            {
                rows.Add(($"(d) {yardstick.Name}", "not run", yardstick.NotRun ?? ""));
            }
        }

        foreach (var side in new[] { endToEnd, report.HttpAndLog })
        {
            var loss = side.Loss;
            rows.Add(($"lost, {side.Name}", $"{N(loss.Lost)} of {N(loss.Acknowledged)}",
                $"re-posted {N(loss.Reposted)}: {N(loss.RepostDuplicates)} duplicates, {N(loss.RepostAccepted)} new; log after kill -9: {N(loss.FoundInLogAfterKill)} found, {N(loss.MissingInLogAfterKill)} missing"));
        }

        foreach (var side in new[] { endToEnd, report.HttpAndLog })
        {
            rows.Add(($"server log, {side.Name}", $"{side.ServerLog.Warnings} warnings, {side.ServerLog.Errors} errors",
                side.ServerStartFailures.Count == 0
                    ? side.ServerLog.KeptAt
                    : $"{side.ServerLog.KeptAt}; {side.ServerStartFailures.Count} failed start(s) first: {side.ServerStartFailures[0]}"));
        }

        return rows;
    }

    /// <summary>The ratios and figures beside their targets, as (what, figure, target, verdict, detail) rows.</summary>
    public static IReadOnlyList<(string What, string Figure, string Target, string Verdict, string Detail)> Targets(CompareReport report) =>
        report.Targets.Select(target => (target.What, Value(target), target.Target, Verdict(target), target.Detail)).ToArray();

    /// <summary>"met", "NOT met", "no target" or "not measured".</summary>
    public static string Verdict(TargetFigure target) => target.Met switch
    {
        true => "met",
        false => "NOT met",
        null => target.Value is null ? "not measured" : "no target",
    };

    /// <summary>A target's figure in its unit: "0.62x", "812 ms", "41.3 µs", "41,250/s", "0".</summary>
    public static string Value(TargetFigure target) => target.Value is not { } value
        ? "-"
        : target.Unit switch
        {
            "x" => value.ToString("0.000", CultureInfo.InvariantCulture) + "x",
            "ms" => N(value) + " ms",
            "µs" => value.ToString("0.0", CultureInfo.InvariantCulture) + " µs",
            "/s" => N(value) + "/s",
            _ => N(value),
        };

    private static void Side(List<(string, string, string)> rows, string label, CompareSideFigures side, int cores)
    {
        var engine = side.Engine;
        rows.Add((label, $"{N(engine.SignalsPerSecond)} signals/s",
            $"durable: {N(engine.Accepted)} in {F(engine.Seconds)} s; {N(engine.Requests)} requests; latency ms {ScenarioSummaryRows.Latency(engine.RequestLatency)}; "
            + $"refused (429/503) {N(engine.RefusedRequests)}, failed {N(engine.FailedRequests)}; registration {N(side.Registration.PerSecond)} entities/s"
            + (side.SideSettings.Count == 0 ? "" : "; " + string.Join(", ", side.SideSettings.Select(s => $"{s.Key}={s.Value}")))));
        rows.Add(($"{label} CPU", SummaryRows.Busy(engine.Cpu, cores),
            $"{SummaryRows.Split(engine.Cpu)}; per 1000 signals: server {Ms(engine.ServerCpuMsPer1000)} ms, clients {Ms(engine.ClientCpuMsPer1000)} ms"));
        rows.Add(($"{label} storage traffic", side.StorageTraffic is { } traffic
                ? $"{Kb(traffic.ReadBytesPerSignal)} read, {Kb(traffic.WrittenBytesPerSignal)} written per signal"
                : "not measured",
            side.StorageTraffic is { } t
                ? $"block layer (read_bytes, write_bytes); read and write calls, sockets included: rchar {Kb(t.ReadCharsPerSignal)}, wchar {Kb(t.WrittenCharsPerSignal)} per signal; "
                    + $"over the measured span: {Mib(t.Total.ReadBytes)} read, {Mib(t.Total.WrittenBytes)} written for {N(t.Signals)} signals"
                : "no /proc/PID/io here"));
    }

    private static string YardstickSplit(CpuUsage? cpu) => cpu is null
        ? "not measured"
        : string.Create(CultureInfo.InvariantCulture,
            $"cores: yardstick {cpu.ServerCores ?? 0:0.00}{(cpu.DatabaseCores is { } db ? $", PostgreSQL {db:0.00}" : "")}, other processes {cpu.OtherCores:0.00}, iowait {cpu.IoWaitCores:0.00}; load average {cpu.LoadAverage:0.0}");

    private static string Kb(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:0.00} KB");

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB");

    private static string Gib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.00} GiB");

    private static string Ms(double? value) => value is { } ms ? ms.ToString("0.0", CultureInfo.InvariantCulture) : "?";

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.0##", CultureInfo.InvariantCulture);
}
