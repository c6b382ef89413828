using System.Globalization;
using System.Text;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>The report as a Markdown page: the machine and settings, each figure beside its baselines, the charts, and how it was measured.</summary>
public static class ScenarioMarkdown
{
    public static string Render(ScenarioReport report)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"# Load test '{report.Scenario}', run {report.RunId}");
        text.AppendLine();
        Line($"- started {report.StartedAt:yyyy-MM-dd HH:mm:ss zzz}, finished {report.FinishedAt:HH:mm:ss}");
        Line($"- machine: {ReportHeader.Machine(report.Machine)}");
        Line($"- settings: {ScenarioText.Settings(report.Settings)}");
        Line($"- server: `{report.Settings.ServerDll}`; configured beyond defaults: {string.Join(", ", report.ServerSettings.Select(s => $"`{s.Key}={s.Value}`"))}");
        Line($"- city: {report.City.Entities:N0} entities over {report.City.EntitiesByDistrict.Count} districts ({string.Join(", ", report.City.EntitiesByDistrict.Select(d => $"{d.Key} {d.Value:N0}"))}); {report.City.Equipment:N0} units ({string.Join(", ", report.City.EquipmentByClass.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value:N0}"))}), {report.City.EquipmentOverdue:N0} overdue");
        text.AppendLine();

        ReportSections.MarkdownProblems(text, report.Problems);
        ReportSections.MarkdownFigures(text, ScenarioSummaryRows.Of(report));

        text.AppendLine();
        text.AppendLine("## Phases");
        text.AppendLine();
        text.AppendLine("| phase | offered/s | answered | durable/s | refused requests | ingest p50 / p99 / p99.9 / max ms | signal -> wall p50 / p99 / max ms | batch -> wall p99 ms | sender lag p99 ms | errors |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var phase in report.Phases.Append(report.Traffic))
        {
            var errors = phase.Errors.Count == 0 ? "none" : string.Join(", ", phase.Errors.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key} {e.Value:N0}")));
            Line($"| {phase.Name} | {phase.OfferedPerSecond:N0} | {phase.AnsweredToOfferedRatio:P1} | {phase.DurablePerSecond:N0} | {phase.RequestsRefused:N0} | {phase.IngestLatency.P50Ms:0.0} / {phase.IngestLatency.P99Ms:0.0} / {phase.IngestLatency.P999Ms:0.0} / {phase.IngestLatency.MaxMs:0.0} | {phase.SignalToWall.P50Ms:0.0} / {phase.SignalToWall.P99Ms:0.0} / {phase.SignalToWall.MaxMs:0.0} | {phase.BatchToWall.P99Ms:0.0} | {phase.SenderLag.P99Ms:0.0} | {errors} |");
        }

        text.AppendLine();
        foreach (var phase in report.Phases)
        {
            Line($"- **{phase.Name}**: {phase.Description}");
        }

        if (report.Soak is { } soak)
        {
            SoakMarkdown.Append(text, soak);
        }

        if (report.Charts.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## Charts");
            text.AppendLine();
            foreach (var chart in report.Charts)
            {
                Line($"![{Path.GetFileNameWithoutExtension(chart)}]({chart})");
                text.AppendLine();
            }
        }

        text.AppendLine("## How it was measured");
        text.AppendLine();
        text.AppendLine("- **Open model.** Each phase's requests arrive on a Poisson schedule at the offered rate and are sent at their intended time "
            + "whether or not earlier ones were answered; every latency runs from the intended send time, so a server that falls behind shows as queueing "
            + "(no coordinated omission). *Sender lag* is how late the generator itself was; when it is large the machine was short of CPU for the generator. "
            + "A request the server refuses for now (503 over capacity, 429 over the request limit) is an answer, counted as refused with its latency among the others, not an error.");
        text.AppendLine("- **Durable** means counted `accepted` in a 202, which the engine gives only once the batch is committed and fsynced. "
            + "Repeats of earlier signals and spoiled signals (bad subject code, unknown kind, missing sourceId, data not an object, bad timestamp) are mixed into "
            + "every batch: repeats must come back in `duplicates`, spoiled ones in `rejected[]` at their index.");
        text.AppendLine("- **Signal -> wall.** Wall clients watch `city` and `district:*` on /hubs/risk. Per frame: receipt time less the frame's `maxIngestedAt` "
            + "(same machine, same clock), for deltas whose `maxIngestedAt` moved on. Per batch: from the batch's intended send time until the tracking client "
            + "receives a frame whose `maxIngestedAt` is at or after the batch's 202 (the wall then shows data ingested after the batch was durable).");
        text.AppendLine("- **Memory per active grain**: working-set growth between the reading taken once the city was registered and idle and the reading "
            + "with the most activations, over the growth in activations (GET /api/v1/system/stats).");
        text.AppendLine("- **Baselines**, with the servers stopped: raw appends of the same row shapes into a fresh copy of the engine's `signal_log` "
            + "(SQLite inserts with WAL and synchronous=FULL, or binary COPY on PostgreSQL), in batches of the run's size: the physical limit of durability here; "
            + "naive per-signal state writes (the engine's own WriteToStorageKey query per signal, fsynced, 1 KB snapshot); "
            + "the bare Orleans grain-call rate (in-process silo, trivial grain, many concurrent callers).");
        text.AppendLine("- **Lost**: a random sample of acknowledged signals is re-posted (each must be a duplicate), then every server is killed with SIGKILL "
            + "and every acknowledged source id is looked for in the signal log.");

        if (report.ServerLog.FirstProblems.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## Server log, first warnings and errors");
            text.AppendLine();
            foreach (var problem in report.ServerLog.FirstProblems)
            {
                Line($"    {problem}");
            }
        }

        return text.ToString();
    }
}
