using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using RiskEngine.Grains;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Documentation;

/// <summary>
/// deploy/ and docker-compose.yml: the compose file is valid with and without the monitoring profile, publishes the API and
/// never the silo port, and every
/// engine metric the dashboard and alert rules query is one a running server publishes, under its Prometheus name.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    [Theory]
    [InlineData]
    [InlineData("--profile", "monitoring")]
    public async Task Docker_compose_configuration_is_valid(params string[] profile)
    {
        var (exitCode, _, errors) = await ComposeAsync([.. profile, "config", "-q"]);

        Assert.True(exitCode == 0, errors);
    }

    [Fact]
    public async Task Compose_and_the_image_publish_the_api_alone_and_keep_silo_traffic_on_an_internal_network_over_tls()
    {
        var (exitCode, resolved, errors) = await ComposeAsync(["--profile", "monitoring", "config"]);
        Assert.True(exitCode == 0, errors);

        // Published container ports: the servers' API, Prometheus and Grafana; never the silo port, and no gateway anywhere.
        Assert.Equal(["3000", "8080", "9090"], PublishedTarget().Matches(resolved).Select(m => m.Groups["port"].Value).Distinct().Order(StringComparer.Ordinal));
        Assert.DoesNotContain("GatewayPort", resolved, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  silo:\n    internal: true", resolved);
        Assert.Matches(@"(?m)^      Orleans__AdvertisedHost: server-1\.silo$", resolved);
        Assert.Matches(@"(?m)^      Orleans__Tls__CertificatePath: /run/secrets/riskengine/\S+$", resolved);

        var exposed = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "Dockerfile")).Where(line => line.StartsWith("EXPOSE", StringComparison.Ordinal));
        Assert.Equal(["EXPOSE 8080"], exposed);
    }

    private static async Task<(int ExitCode, string Output, string Errors)> ComposeAsync(string[] arguments)
    {
        var start = new ProcessStartInfo("docker-compose") { WorkingDirectory = RepositoryPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--env-file", ".env.example" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var compose = Process.Start(start)!;
        var errors = compose.StandardError.ReadToEndAsync();
        var output = await compose.StandardOutput.ReadToEndAsync();
        await compose.WaitForExitAsync();
        return (compose.ExitCode, output, await errors);
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

    // Compose writes a published port either long form (published, target) or short ("127.0.0.1:9090:9090/tcp").
    [GeneratedRegex(@"(?m)^    - (?:published: \S+\n      target: (?<port>\d+)|(?:[0-9.]+:)?\d+:(?<port>\d+)(?:/\w+)?)$")]
    private static partial Regex PublishedTarget();

    [GeneratedRegex(@"riskengine_[a-z_]+")]
    private static partial Regex EngineMetric();

    [GeneratedRegex(@"_(bucket|sum|count)$")]
    private static partial Regex HistogramSeries();
}
