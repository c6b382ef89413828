using System.Text;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>The sections every report ends with, the same in each command's Markdown and console summary.</summary>
public static class ReportSections
{
    /// <summary>"## Problems" as a Markdown list, when there are any.</summary>
    public static void MarkdownProblems(StringBuilder text, IReadOnlyList<string> problems)
    {
        if (problems.Count == 0)
        {
            return;
        }

        text.AppendLine("## Problems");
        text.AppendLine();
        foreach (var problem in problems)
        {
            text.AppendLine($"- {problem}");
        }

        text.AppendLine();
    }

    /// <summary>"## Figures" as a Markdown table of what, figure and detail.</summary>
    public static void MarkdownFigures(StringBuilder text, IEnumerable<(string What, string Figure, string Detail)> rows)
    {
        text.AppendLine("## Figures");
        text.AppendLine();
        text.AppendLine("| what | figure | detail |");
        text.AppendLine("|---|---:|---|");
        foreach (var (what, figure, detail) in rows)
        {
            text.AppendLine($"| {what} | {figure} | {detail.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }
    }

    /// <summary>The console's problems list, when there are any, and where the report files went.</summary>
    public static void ConsoleProblemsAndFiles(StringBuilder text, IReadOnlyList<string> problems, string json, string markdown)
    {
        if (problems.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("problems:");
            foreach (var problem in problems)
            {
                text.AppendLine("  - " + problem);
            }
        }

        text.AppendLine();
        text.AppendLine($"report    {json}");
        text.AppendLine($"          {markdown}");
    }
}
