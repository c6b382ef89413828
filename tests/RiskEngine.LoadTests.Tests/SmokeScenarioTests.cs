using System.Text.Json;

namespace RiskEngine.LoadTests.Tests;

/// <summary>
/// The smoke scenario end to end: the built tool, as a process, starts the built server on its own (embedded
/// SQLite), registers a small city, runs a few seconds of open-model traffic with duplicates and malformed signals
/// mixed in while wall clients watch the hub, proves nothing acknowledged was lost, measures the baselines and
/// writes its report folder, whose structure and figures are checked here.
/// </summary>
public sealed class SmokeScenarioTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);
    private static readonly string[] Phases = ["steady", "incident", "storm", "backfill"];

    private readonly ScratchFolder _out = new("riskengine-smoke-test-");

    [Fact]
    public async Task Smoke_writes_a_complete_report_and_loses_nothing()
    {
        Assert.True(File.Exists(BuildOutputs.Server), $"the server build {BuildOutputs.Server} is missing");
        var run = await LoadToolProcess.RunAsync(_out.FullName, Timeout,
            "smoke", "--server-dll", BuildOutputs.Server, "--out", _out.FullName);
        Assert.True(run.ExitCode == 0, run.ToString());

        var folder = Assert.Single(_out.Directory.GetDirectories("*-smoke"));
        var json = File.ReadAllText(Path.Combine(folder.FullName, "report.json"));
        foreach (var key in new[] { "\"p99\"", "\"ratio\"", "\"lost\"" })
        {
            Assert.Contains(key, json, StringComparison.Ordinal);
        }

        using var document = JsonDocument.Parse(json);
        var report = document.RootElement;
        Assert.Equal("smoke", report.GetProperty("scenario").GetString());

        var phases = report.GetProperty("phases").EnumerateArray().ToArray();
        Assert.Equal(Phases, phases.Select(p => p.GetProperty("name").GetString()));
        foreach (var phase in phases.Append(report.GetProperty("traffic")))
        {
            foreach (var latency in new[] { "ingestLatency", "serviceLatency", "senderLag", "signalToWall", "batchToWall" })
            {
                var summary = phase.GetProperty(latency);
                foreach (var percentile in new[] { "p50", "p90", "p99", "p999", "max" })
                {
                    Assert.Equal(JsonValueKind.Number, summary.GetProperty(percentile).ValueKind);
                }
            }

            Assert.True(phase.GetProperty("durablePerSecond").GetDouble() > 0, $"{phase.GetProperty("name")}: no durable signals");
            Assert.True(phase.GetProperty("ingestLatency").GetProperty("count").GetInt64() > 0);
        }

        var traffic = report.GetProperty("traffic");
        Assert.True(traffic.GetProperty("duplicatesSent").GetInt64() > 0, "no duplicates were mixed in");
        Assert.Equal(traffic.GetProperty("duplicatesSent").GetInt64(), traffic.GetProperty("duplicatesReported").GetInt64());
        Assert.True(traffic.GetProperty("malformedSent").GetInt64() > 0, "no malformed signals were mixed in");
        Assert.Equal(traffic.GetProperty("malformedSent").GetInt64(), traffic.GetProperty("malformedRejected").GetInt64());
        Assert.Equal(0, traffic.GetProperty("validRejected").GetInt64());

        var wall = report.GetProperty("wall");
        Assert.True(wall.GetProperty("connected").GetInt32() > 0, "no wall client connected: " + wall.GetProperty("errors"));
        Assert.True(wall.GetProperty("signalToWall").GetProperty("count").GetInt64() > 0, "no signal -> wall latency was measured");

        var loss = report.GetProperty("loss");
        Assert.True(loss.GetProperty("acknowledged").GetInt64() > 0);
        Assert.Equal(0, loss.GetProperty("lost").GetInt64());
        Assert.Equal(loss.GetProperty("reposted").GetInt64(), loss.GetProperty("repostDuplicates").GetInt64());
        Assert.Equal(loss.GetProperty("acknowledged").GetInt64(), loss.GetProperty("foundInLogAfterKill").GetInt64());

        var baselines = report.GetProperty("baselines");
        Assert.True(baselines.GetProperty("rawAppend").GetProperty("rowsPerSecond").GetDouble() > 0);
        Assert.True(baselines.GetProperty("naive").GetProperty("writesPerSecond").GetDouble() > 0);
        Assert.True(baselines.GetProperty("grainCalls").GetProperty("callsPerSecond").GetDouble() > 0);
        var ratios = report.GetProperty("ratios").EnumerateArray().ToArray();
        Assert.True(ratios.Length >= 3);
        Assert.All(ratios, r => Assert.True(r.GetProperty("ratio").GetDouble() > 0, r.GetProperty("what").GetString()));

        var city = report.GetProperty("city");
        Assert.Equal(2_000, city.GetProperty("entities").GetInt32());
        Assert.Equal(300, city.GetProperty("equipment").GetInt32());
        Assert.True(city.GetProperty("entityRegistration").GetProperty("perSecond").GetDouble() > 0);

        var server = report.GetProperty("server");
        Assert.True(server.GetProperty("samples").GetArrayLength() > 0, "no server stats: " + server.GetProperty("unavailable"));
        Assert.Equal(JsonValueKind.Object, server.GetProperty("memoryPerActiveGrain").ValueKind);

        var charts = report.GetProperty("charts").EnumerateArray().Select(c => c.GetString()!).ToArray();
        Assert.True(charts.Length >= 3, "charts: " + string.Join(", ", charts));
        Assert.All(charts, chart => Assert.True(new FileInfo(Path.Combine(folder.FullName, chart)).Length > 0, chart));

        var markdown = File.ReadAllText(Path.Combine(folder.FullName, "report.md"));
        Assert.Contains("## Figures", markdown, StringComparison.Ordinal);
        Assert.All(charts, chart => Assert.Contains($"]({chart})", markdown, StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(folder.FullName, "server.log")));
        Assert.Contains("lost", run.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _out.Dispose();
}
