using System.Text.Json;
using RiskEngine.LoadTests.Api;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>
/// A run's report folder, &lt;out&gt;/&lt;timestamp&gt;-&lt;scenario&gt;/ (or -compare/): report.json, report.md, the charts and the
/// servers' logs.
/// </summary>
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

    /// <summary>Where one of several servers' logs is kept, e.g. "server-end-to-end.log".</summary>
    public string ServerLogOf(string side) => Path.Combine(Directory, $"server-{side}.log");

    public void Write(ScenarioReport report)
    {
        File.WriteAllText(Json, JsonSerializer.Serialize(report, LoadTestJson.Default.ScenarioReport));
        File.WriteAllText(Markdown, ScenarioMarkdown.Render(report));
    }

    public void Write(CompareReport report)
    {
        File.WriteAllText(Json, JsonSerializer.Serialize(report, LoadTestJson.Default.CompareReport));
        File.WriteAllText(Markdown, CompareMarkdown.Render(report));
    }
}
