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
        text.AppendLine(CultureInfo.InvariantCulture, $"- server: `{report.Settings.ServerDll}`, {(report.Settings.Storage == CommandLine.StorageMode.Postgres ? $"{report.Settings.Servers} processes in cluster mode on PostgreSQL (a fresh schema)" : "embedded SQLite")}; configured beyond defaults: {overrides}");
        text.AppendLine();
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
                + "PostgreSQL runs on the same machine, so its CPU shows under \"other processes\" on every side.");
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
}
