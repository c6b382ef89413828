using System.Text;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>The summary table printed at the end of a scenario run.</summary>
public static class ScenarioConsoleSummary
{
    public static string Render(ScenarioReport report, ScenarioReportFiles files)
    {
        var rows = ScenarioSummaryRows.Of(report);
        var whatWidth = rows.Max(r => r.What.Length);
        var figureWidth = rows.Max(r => r.Figure.Length);
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine($"RiskEngine load test '{report.Scenario}', run {report.RunId}");
        text.AppendLine($"machine   {ReportHeader.Machine(report.Machine)}");
        text.AppendLine($"settings  {ScenarioText.Settings(report.Settings)}");
        text.AppendLine();
        foreach (var (what, figure, detail) in rows)
        {
            text.AppendLine($"{what.PadRight(whatWidth)}  {figure.PadLeft(figureWidth)}  {detail}");
        }

        if (report.Soak is { } soak)
        {
            text.AppendLine();
            text.AppendLine($"soak      {soak.Verdict}");
        }

        ReportSections.ConsoleProblemsAndFiles(text, report.Problems, files.Json, files.Markdown);
        text.AppendLine($"charts    {string.Join(", ", report.Charts)}");
        return text.ToString();
    }
}
