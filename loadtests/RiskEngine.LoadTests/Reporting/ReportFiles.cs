using System.Text.Json;
using RiskEngine.LoadTests.Api;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>Where a run's report files go: one name per run, JSON and Markdown side by side.</summary>
public sealed class ReportFiles
{
    public ReportFiles(string directory, string runId, int batch, int clients)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, $"ingest-{runId}-b{batch}-c{clients}");
        Json = stem + ".json";
        Markdown = stem + ".md";
        ServerLog = stem + ".server.log";
    }

    public string Json { get; }

    public string Markdown { get; }

    /// <summary>The server's own output during the run, kept for looking into its figures.</summary>
    public string ServerLog { get; }

    public void Write(IngestReport report)
    {
        File.WriteAllText(Json, JsonSerializer.Serialize(report, LoadTestJson.Default.IngestReport));
        File.WriteAllText(Markdown, MarkdownReport.Render(report));
    }
}
