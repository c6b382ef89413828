using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using RiskEngine.Grains;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Documentation;

/// <summary>
/// deploy/ and docker-compose.yml: the compose file is valid with and without the monitoring profile, and every
/// engine metric the dashboard and alert rules query is one a running server publishes, under its Prometheus name.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    [Theory]
    [InlineData]
    [InlineData("--profile", "monitoring")]
    public async Task Docker_compose_configuration_is_valid(params string[] profile)
    {
        var start = new ProcessStartInfo("docker-compose") { WorkingDirectory = RepositoryPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--env-file", ".env.example" }.Concat(profile).Concat(["config", "-q"]))
        {
            start.ArgumentList.Add(argument);
        }

        using var compose = Process.Start(start)!;
        var errors = compose.StandardError.ReadToEndAsync();
        await compose.StandardOutput.ReadToEndAsync();
        await compose.WaitForExitAsync();

        Assert.True(compose.ExitCode == 0, await errors);
    }

    [Fact]
    public async Task Every_engine_metric_the_dashboard_and_alerts_query_is_published()
    {
        await using var server = await EngineServer.StartAsync();
        var published = new HashSet<string>(StringComparer.Ordinal);
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == EngineMetrics.MeterName)
                {
                    published.Add(PrometheusName(instrument));
                }
            };
            listener.Start();
        }

        var queried = new[] { "grafana/dashboards/riskengine.json", "prometheus/alerts.yml" }
            .SelectMany(file => EngineMetric().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", file))))
            .Select(match => HistogramSeries().Replace(match.Value, ""))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(queried);
        Assert.Empty(queried.Except(published));
    }

    // As the OpenTelemetry Prometheus exporter names them: dots to underscores, the unit spelled out, counters _total.
    private static string PrometheusName(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_');
        if (instrument.Unit == "ms")
        {
            name += "_milliseconds";
        }

        return instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() == typeof(Counter<>) ? name + "_total" : name;
    }

    [GeneratedRegex(@"riskengine_[a-z_]+")]
    private static partial Regex EngineMetric();

    [GeneratedRegex(@"_(bucket|sum|count)$")]
    private static partial Regex HistogramSeries();
}
