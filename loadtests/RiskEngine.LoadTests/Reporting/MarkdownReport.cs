using System.Globalization;
using System.Text;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>A short Markdown version of the report, for reading and pasting into notes.</summary>
public static class MarkdownReport
{
    public static string Render(IngestReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Ingest benchmark {report.RunId}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- started {report.StartedAt:yyyy-MM-dd HH:mm:ss zzz}, finished {report.FinishedAt:HH:mm:ss}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- machine: {ReportHeader.Machine(report.Machine)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- settings: {ReportHeader.Settings(report.Settings)}");
        var overrides = string.Join(", ", report.ServerSettings.Select(s => $"`{s.Key}={s.Value}`"));
        text.AppendLine(CultureInfo.InvariantCulture, $"- server: `{report.Settings.ServerDll}`, {Servers(report.Settings)}; configured beyond defaults: {overrides}");
        text.AppendLine();
        if (report.Scaling is { } scaling)
        {
            Scaling(text, report, scaling);
        }

        text.AppendLine("| what | figure | detail |");
        text.AppendLine("|---|---:|---|");
        foreach (var (what, figure, detail) in SummaryRows.Of(report))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {figure} | {detail.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        text.AppendLine();
        text.AppendLine("How it was measured: the engine side is closed-loop (each client waits for its 202 before posting the next batch), "
            + "so its latencies are service times under that load, not open-model latencies. A signal counts as durable when a 202 counts it accepted. "
            + (report.Naive is null
                ? "The raw side is one connection inserting the same rows with a prepared statement, a transaction per batch, "
                : "The baselines run ")
            + "with the server stopped so both sides had the whole machine (the engine's side shares it with its own load generator).");
        if (report.Naive is not null)
        {
            text.AppendLine();
            text.AppendLine("PostgreSQL mode: the clients are spread round-robin over the servers; the raw side is binary COPY (one COPY per batch, "
                + "its own transaction) from as many connections as there are clients, into a fresh migrated copy of signal_log; the naive side runs the "
                + "persistence provider's WriteToStorageKey query once per signal (a grain calling WriteStateAsync per signal) from as many connections. "
                + "PostgreSQL runs on the same machine; its CPU (every process named postgres) is metered apart from other processes on every side.");
        }

        if (report.Scaling is not null)
        {
            text.AppendLine();
            text.AppendLine("Server counts: each server count runs in turn on a fresh schema of the same PostgreSQL (migrated, that many servers started, "
                + "the entities registered, warm-up, the closed loop spread round-robin over the servers, re-post check, SIGKILL and the signal_log "
                + "check, schema dropped); raw COPY and naive run once after the last count. *Applied* signals/s is the growth of `appliedTotal` "
                + "(GET /api/v1/system/stats) summed over the servers between the end of the warm-up and the end of the loop; the lag is `applyLag` "
                + "summed at the end. CPU per signal is each party's CPU time over the measured span (from /proc: the servers' processes, every "
                + "process named postgres, this program) over the durable signals of the span; raw COPY's PostgreSQL figure is per row. On a "
                + "machine with few cores, PostgreSQL, the servers and the load generator share them, so more servers cannot add CPU: read the "
                + "scaling shape from the per-signal figures (what carries to a bigger machine) and the rates together. The targets are reported, "
                + "not enforced; the exit code is about loss.");
        }

        if (report.ServerLog.FirstProblems.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Server log, first warnings and errors:");
            text.AppendLine();
            foreach (var problem in report.ServerLog.FirstProblems)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {problem}");
            }
        }

        return text.ToString();
    }

    private static string Servers(CommandLine.IngestSettings settings) => settings.Storage != CommandLine.StorageMode.Postgres
        ? "embedded SQLite"
        : settings.ServerCounts.Count == 1
            ? $"{settings.Servers} processes in cluster mode on PostgreSQL (a fresh schema)"
            : $"{ReportHeader.Counts(settings.ServerCounts)} processes in turn in cluster mode on PostgreSQL (a fresh schema each)";

    /// <summary>The counts side by side, then the targets, ahead of the detailed figures.</summary>
    private static void Scaling(StringBuilder text, IngestReport report, ScalingFigures scaling)
    {
        string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal);
        var (header, rows) = ClusterSummaryRows.Table(report, scaling);
        text.AppendLine("## Scaling on one PostgreSQL");
        text.AppendLine();
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("|" + string.Concat(header.Select((_, column) => column == 0 ? "---|" : "---:|")));
        foreach (var row in rows)
        {
            text.AppendLine("| " + string.Join(" | ", row.Select(Cell)) + " |");
        }

        text.AppendLine();
        text.AppendLine("## Targets (reported, not enforced)");
        text.AppendLine();
        text.AppendLine("| what | figure | target | verdict | detail |");
        text.AppendLine("|---|---:|---|---|---|");
        foreach (var (what, figure, target, verdict, detail) in ClusterSummaryRows.Targets(scaling))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {figure} | {Cell(target)} | {verdict} | {Cell(detail)} |");
        }

        text.AppendLine();
        text.AppendLine("## Figures");
        text.AppendLine();
    }
}
