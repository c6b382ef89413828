using System.Text;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>The summary printed at the end of a compare run: the figures, the targets, the problems and where the report went.</summary>
public static class CompareConsoleSummary
{
    public static string Render(CompareReport report, ScenarioReportFiles files)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine($"RiskEngine compare, run {report.RunId}");
        text.AppendLine($"machine   {ReportHeader.Machine(report.Machine)}");
        text.AppendLine($"settings  {CompareText.Settings(report.Settings)}");
        text.AppendLine();
        var rows = CompareSummaryRows.Of(report);
        var whatWidth = rows.Max(r => r.What.Length);
        var figureWidth = rows.Max(r => r.Figure.Length);
        foreach (var (what, figure, detail) in rows)
        {
            text.AppendLine($"{what.PadRight(whatWidth)}  {figure.PadLeft(figureWidth)}  {detail}");
        }

        text.AppendLine();
        TargetLines.Append(text, "targets:", CompareSummaryRows.Targets(report));

        ReportSections.ConsoleProblemsAndFiles(text, report.Problems, files.Json, files.Markdown);
        return text.ToString();
    }
}
