using System.Text;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>The summary table printed at the end of a run.</summary>
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

        text.AppendLine();
        text.AppendLine($"report    {jsonPath}");
        text.AppendLine($"          {markdownPath}");
        return text.ToString();
    }
}
