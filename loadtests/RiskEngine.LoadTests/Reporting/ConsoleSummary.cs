using System.Text;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>The summary printed at the end of a run: the figures, and on PostgreSQL the scaling table and the targets.</summary>
public static class ConsoleSummary
{
    public static string Render(IngestReport report, string jsonPath, string markdownPath)
    {
        var rows = SummaryRows.Of(report);
        var whatWidth = rows.Max(r => r.What.Length);
        var figureWidth = rows.Max(r => r.Figure.Length);
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine($"RiskEngine ingest benchmark, run {report.RunId}");
        text.AppendLine($"machine   {ReportHeader.Machine(report.Machine)}");
        text.AppendLine($"settings  {ReportHeader.Settings(report.Settings)}");
        text.AppendLine();
        foreach (var (what, figure, detail) in rows)
        {
            text.AppendLine($"{what.PadRight(whatWidth)}  {figure.PadLeft(figureWidth)}  {detail}");
        }

        if (report.Scaling is { } scaling)
        {
            text.AppendLine();
            text.AppendLine("scaling on one PostgreSQL (same run; µs are CPU time per durable signal, or per row for raw COPY):");
            var (header, table) = ClusterSummaryRows.Table(report, scaling);
            var widths = header.Select((title, column) => Math.Max(title.Length, table.Max(row => row[column].Length))).ToArray();
            text.AppendLine("  " + string.Join("  ", header.Select((title, column) => title.PadLeft(widths[column]))));
            foreach (var row in table)
            {
                text.AppendLine("  " + string.Join("  ", row.Select((cell, column) => cell.PadLeft(widths[column]))));
            }

            text.AppendLine();
            TargetLines.Append(text, "targets (reported, not enforced; the exit code is about loss):", ClusterSummaryRows.Targets(scaling));
        }

        text.AppendLine();
        text.AppendLine($"report    {jsonPath}");
        text.AppendLine($"          {markdownPath}");
        return text.ToString();
    }
}
