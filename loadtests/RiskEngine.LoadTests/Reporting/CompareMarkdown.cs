using System.Globalization;
using System.Text;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>A compare report as a Markdown page: the targets first, then every figure, and how it was measured.</summary>
public static class CompareMarkdown
{
    public static string Render(CompareReport report)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal);

        Line($"# Compare, run {report.RunId}");
        text.AppendLine();
        Line($"- started {report.StartedAt:yyyy-MM-dd HH:mm:ss zzz}, finished {report.FinishedAt:HH:mm:ss}");
        Line($"- machine: {ReportHeader.Machine(report.Machine)}");
        Line($"- settings: {CompareText.Settings(report.Settings)}");
        Line($"- server: `{report.Settings.ServerDll}`; configured beyond defaults: {string.Join(", ", report.ServerSettings.Select(s => $"`{s.Key}={s.Value}`"))}");
        text.AppendLine();

        text.AppendLine("## Targets");
        text.AppendLine();
        text.AppendLine("| what | figure | target | verdict | detail |");
        text.AppendLine("|---|---:|---|---|---|");
        foreach (var (what, figure, target, verdict, detail) in CompareSummaryRows.Targets(report))
        {
            Line($"| {what} | {figure} | {Cell(target)} | {verdict} | {Cell(detail)} |");
        }

        text.AppendLine();
        ReportSections.MarkdownProblems(text, report.Problems);
        ReportSections.MarkdownFigures(text, CompareSummaryRows.Of(report));

        text.AppendLine();
        text.AppendLine("## How it was measured");
        text.AppendLine();
        text.AppendLine("One run, in this order, on one machine; the ratios compare figures of the same hour.");
        text.AppendLine();
        text.AppendLine("- **(a) End to end.** A fresh server (Release build, embedded SQLite, demo feed off, request limits raised), the entities registered "
            + "through the API, then the ingest command's closed loop: each client posts a batch of new signals and waits for its 202 before the next. "
            + "A signal is durable when a 202 counts it accepted. A batch refused for now (503 when the backlog is at capacity) is sent again after its "
            + "Retry-After, so the durable rate cannot outrun applying for long. *Applied* signals/s is the growth of the server's `appliedTotal` "
            + "(GET /api/v1/system/stats) between the end of the warm-up and the end of the span; the apply lag is read every 2 s.");
        text.AppendLine("- **Storage traffic per signal**: the server process's /proc/PID/io over the measured span, over the durable signals. "
            + "`read_bytes`/`write_bytes` are what reached the block layer (reads the page cache missed, pages dirtied); `rchar`/`wchar` count every "
            + "read and write call, sockets included, so the HTTP bodies are in them.");
        text.AppendLine("- **Memory per resident subject**: the working set over `residentSnapshots` at the end of the span (an upper bound: the runtime "
            + "and everything else are in it), the snapshot payload bytes over the same count, and the working set's growth since registration over the "
            + "growth in resident snapshots.");
        text.AppendLine("- **Overload**, on the same server right after (a): one `steady` phase of open-model traffic (Poisson arrivals, sent on schedule "
            + "whether or not earlier requests were answered; latency from the intended send time) at the factor times (a)'s durable rate, with no "
            + "repeats or spoiled signals. A 503 (or 429) is a refusal: an answer, counted apart with its latency among the others, not an error and "
            + "not sent again. Kept = this phase's durable rate over (a)'s.");
        text.AppendLine("- **(b) HTTP and log alone**: the same closed loop against a fresh server started with `Engine:ApplySignals=false`: signals are "
            + "validated and made durable, not applied.");
        text.AppendLine("- **(c) Raw append**: with the servers stopped, one connection inserting the same row shapes into a fresh copy of the engine's "
            + "`signal_log` (WAL, synchronous=FULL), a transaction per batch.");
        text.AppendLine("- **(d) Yardsticks**: other designs of the same job, run from the peers folder as child processes and never copied into the "
            + "repository; their figure is read from their output. Their CPU is metered over the last --seconds before that line: \"yardstick\" is "
            + "their own processes (server and driver), PostgreSQL apart.");
        text.AppendLine("- **Lost**: on each server side a random sample of acknowledged signals is re-posted (each must be a duplicate), then the "
            + "server is killed with SIGKILL and every acknowledged source id (the overload's too) is looked for in its log file.");
        text.AppendLine("- **CPU**: each span's cores split into the server (or the yardstick), this load generator, PostgreSQL and other processes; "
            + "when other processes were busy, the span was disturbed: compare the CPU milliseconds per 1000 signals instead, or run again.");

        foreach (var side in new[] { report.EndToEnd, report.HttpAndLog })
        {
            if (side.ServerLog.FirstProblems.Count > 0)
            {
                text.AppendLine();
                Line($"## Server log of {side.Name}, first warnings and errors");
                text.AppendLine();
                foreach (var problem in side.ServerLog.FirstProblems)
                {
                    Line($"    {problem}");
                }
            }
        }

        return text.ToString();
    }
}
