using System.Text.Json;

namespace RiskEngine.LoadTests.Tests;

/// <summary>
/// A three-minute soak end to end: the tool starts the built server, runs steady traffic with wall clients watching,
/// and reports every whole minute with the server's memory, grains and storage beside the traffic's latency and
/// errors, a verdict on whether they stayed flat, its two charts and its Markdown section.
/// </summary>
public sealed class SoakScenarioTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private readonly ScratchFolder _out = new("riskengine-soak-test-");

    [Fact]
    public async Task A_short_soak_reports_each_minute_and_judges_them()
    {
        Assert.True(File.Exists(BuildOutputs.Server), $"the server build {BuildOutputs.Server} is missing");
        var run = await LoadToolProcess.RunAsync(_out.FullName, Timeout,
            "soak", "--hours", "0.05", "--entities", "2000", "--equipment", "200", "--rate", "200", "--wall-clients", "2",
            "--baseline-seconds", "1", "--verify", "500", "--stats-interval", "2", "--server-dll", BuildOutputs.Server, "--out", _out.FullName);
        Assert.True(run.ExitCode == 0, run.ToString());

        var folder = Assert.Single(_out.Directory.GetDirectories("*-soak"));
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.FullName, "report.json")));
        var soak = document.RootElement.GetProperty("soak");
        var minutes = soak.GetProperty("minutes").EnumerateArray().ToArray();
        Assert.Equal(3, minutes.Length);
        long previousStorage = 0;
        foreach (var minute in minutes)
        {
            Assert.True(minute.GetProperty("durablePerSecond").GetDouble() > 0, minute.ToString());
            Assert.True(minute.GetProperty("ingestLatency").GetProperty("count").GetInt64() > 0, minute.ToString());
            Assert.True(minute.GetProperty("workingSetBytes").GetInt64() > 0, minute.ToString());
            Assert.True(minute.GetProperty("activations").GetInt64() > 0, minute.ToString());
            Assert.Equal(0, minute.GetProperty("errors").GetInt64());

            // The signal log only grows while signals arrive; its file is among those named.
            var storage = minute.GetProperty("storageBytes").GetInt64();
            Assert.True(storage > previousStorage, $"storage {storage} after {previousStorage}");
            previousStorage = storage;
            Assert.Contains(minute.GetProperty("storageByName").EnumerateObject(), file => file.Name.StartsWith("signals.db", StringComparison.Ordinal));
        }

        // Three minutes: one of warm-up, then the second against the third.
        Assert.Equal(1, soak.GetProperty("warmupMinutes").GetInt32());
        Assert.Equal(1, soak.GetProperty("windowMinutes").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, soak.GetProperty("flat").ValueKind);
        var findings = soak.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("what").GetString()!).ToArray();
        Assert.Contains("working set (MiB)", findings);
        Assert.Contains("ingest p99 (ms)", findings);
        Assert.Contains("failed requests per window", findings);

        var charts = document.RootElement.GetProperty("charts").EnumerateArray().Select(c => c.GetString()!).ToArray();
        Assert.Contains("soak-memory.png", charts);
        Assert.Contains("soak-latency.png", charts);
        var markdown = File.ReadAllText(Path.Combine(folder.FullName, "report.md"));
        Assert.Contains("## Soak", markdown, StringComparison.Ordinal);
        Assert.Contains(soak.GetProperty("verdict").GetString()!, markdown, StringComparison.Ordinal);
        Assert.Contains("soak ", run.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _out.Dispose();
}
