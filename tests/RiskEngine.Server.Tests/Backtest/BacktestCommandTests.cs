using System.Globalization;
using System.Text.Json;
using RiskEngine.Domain;
using RiskEngine.Server.Hosting;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Backtest;

/// <summary>
/// The <c>backtest</c> command on files a data source would hand over: v1 signals as JSON lines and outcomes as CSV.
/// The history is simulated with a known cause (complaints before an inspection make it likelier to go badly), so the
/// three sets of parameters must rank better than chance, and the command must say so in its report and plot; the real
/// embedded engine it replays the files through must score every outcome as its own replay does.
/// </summary>
public sealed class BacktestCommandTests
{
    private const int Entities = 300;

    [Fact]
    public async Task A_history_of_signals_and_outcomes_gives_a_report_and_a_calibration_plot()
    {
        using var folder = new TemporaryDirectory();
        var (signals, outcomes) = WriteHistory(folder.Path, seed: 15);
        var output = new StringWriter();
        var errors = new StringWriter();
        var report = Path.Combine(folder.Path, "report");

        var exitCode = await ServerCommandLine.InvokeAsync(
            ["backtest", "--signals", signals, "--outcomes", outcomes, "--industry", "catering", "--out", report], TextReader.Null, output, errors);

        Assert.True(exitCode == 0, $"exit {exitCode}: {errors}");
        Assert.Contains("scored", output.ToString(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(report, "report.json")));
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(["seeded", "fitted", "logistic", "engine"], results.Select(r => r.GetProperty("name").GetString()));
        var live = json.RootElement.GetProperty("liveEngine");
        Assert.Equal(Entities * 2, live.GetProperty("outcomes").GetInt32());
        // The engine's API rounds scores to 2 decimals.
        Assert.True(live.GetProperty("maxScoreDifference").GetDouble() <= 0.0051, $"live scores differ from the replay's by {live.GetProperty("maxScoreDifference")} points");
        foreach (var result in results)
        {
            var auc = result.GetProperty("quality").GetProperty("auc").GetDouble();
            Assert.True(auc > 0.6, $"{result.GetProperty("name")} AUC {auc:F3} on a history where complaints predict the outcome");
            Assert.True(result.GetProperty("quality").GetProperty("calibration").GetArrayLength() > 0);
        }

        var fitted = json.RootElement.GetProperty("fitted").GetProperty("categories")[0];
        Assert.Equal("industry:catering", fitted.GetProperty("category").GetString());
        Assert.All(fitted.GetProperty("coefficients").EnumerateArray(), c => Assert.True(c.GetDouble() >= 0));
        var png = await File.ReadAllBytesAsync(Path.Combine(report, "calibration.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Fact]
    public async Task Outcomes_without_the_named_columns_exit_2_saying_which()
    {
        using var folder = new TemporaryDirectory();
        var (signals, _) = WriteHistory(folder.Path, seed: 16);
        var outcomes = Path.Combine(folder.Path, "bad.csv");
        await File.WriteAllTextAsync(outcomes, "subject,when,label\n91420112MA4K00000X,2026-01-01,1\n");
        var errors = new StringWriter();

        var exitCode = await ServerCommandLine.InvokeAsync(["backtest", "--signals", signals, "--outcomes", outcomes], TextReader.Null, TextWriter.Null, errors);

        Assert.Equal(ServerCommandLine.UsageExitCode, exitCode);
        Assert.Contains("'date'", errors.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Two years of complaints and yearly inspections; each inspection is also an outcome (1: rectify).</summary>
    private static (string Signals, string Outcomes) WriteHistory(string folder, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var signals = new List<string>();
        var outcomes = new List<string> { "subject,date,label" };
        for (var n = 0; n < Entities; n++)
        {
            var uscc = Uscc.FromBody("91420112MA" + n.ToString("D7", CultureInfo.InvariantCulture)).Value;
            var complaintsPerYear = random.NextDouble() < 0.3 ? 12 : 1;
            for (var year = 0; year < 2; year++)
            {
                var inspectedAt = start.AddDays(365 * year + 200 + random.Next(100));
                var recentComplaints = 0;
                for (var c = 0; c < complaintsPerYear; c++)
                {
                    var at = start.AddDays(365 * year + random.Next(300));
                    recentComplaints += at < inspectedAt && at > inspectedAt.AddDays(-30) ? 1 : 0;
                    signals.Add(Signal(uscc, $"C-{n}-{year}-{c}", "complaint", at, new { category = "food" }));
                }

                var bad = random.NextDouble() < 0.08 + 0.5 * Math.Min(1, recentComplaints / 2.0) + (complaintsPerYear > 1 ? 0.2 : 0);
                signals.Add(Signal(uscc, $"I-{n}-{year}", "inspection", inspectedAt.AddHours(10),
                    bad ? new { result = "rectify", findings = new[] { new { severity = "major" } } } : new { result = "pass", findings = Array.Empty<object>() }));
                outcomes.Add($"{uscc},{inspectedAt:yyyy-MM-dd},{(bad ? 1 : 0)}");
            }
        }

        var signalsPath = Path.Combine(folder, "signals.jsonl");
        var outcomesPath = Path.Combine(folder, "outcomes.csv");
        File.WriteAllLines(signalsPath, signals);
        File.WriteAllLines(outcomesPath, outcomes);
        return (signalsPath, outcomesPath);
    }

    private static string Signal(string uscc, string sourceId, string kind, DateTimeOffset at, object data) =>
        JsonSerializer.Serialize(new { source = "backtest-test", sourceId, kind, subjectId = uscc, occurredAt = at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), data });
}
