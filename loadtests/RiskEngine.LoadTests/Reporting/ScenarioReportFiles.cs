using System.Text.Json;
using RiskEngine.LoadTests.Api;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>A run's report folder, &lt;out&gt;/&lt;timestamp&gt;-&lt;scenario&gt;/: report.json, report.md, the charts and the servers' log.</summary>
public sealed class ScenarioReportFiles
{
    private ScenarioReportFiles(string directory) => Directory = directory;

    public string Directory { get; }

    public string Json => Path.Combine(Directory, "report.json");

    public string Markdown => Path.Combine(Directory, "report.md");

    public string ServerLog => Path.Combine(Directory, "server.log");

    /// <summary>Creates the folder; a second run in the same second gets a suffix rather than overwriting the first.</summary>
    public static ScenarioReportFiles Create(string outDirectory, string stamp, string scenario)
    {
        var directory = Path.Combine(outDirectory, $"{stamp}-{scenario}");
        for (var n = 2; System.IO.Directory.Exists(directory); n++)
        {
            directory = Path.Combine(outDirectory, $"{stamp}-{scenario}-{n}");
        }

        System.IO.Directory.CreateDirectory(directory);
        return new ScenarioReportFiles(directory);
    }

    public void Write(ScenarioReport report)
    {
        File.WriteAllText(Json, JsonSerializer.Serialize(report, LoadTestJson.Default.ScenarioReport));
        File.WriteAllText(Markdown, ScenarioMarkdown.Render(report));
    }
}
