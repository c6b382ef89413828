using RiskEngine.Server.Hosting;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Observability;

/// <summary>
/// <c>Observability:PrometheusPort</c> serves the engine's OpenTelemetry metrics in Prometheus' text format on a port
/// of its own, with their names and units; the API's port does not serve them.
/// </summary>
public sealed class PrometheusEndpointTests
{
    [Fact]
    public async Task The_management_port_serves_the_engines_metrics_with_names_and_units()
    {
        var port = FreePort.Pick();
        await using var server = await EngineServer.StartAsync([new("Observability:PrometheusPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        using var api = new EngineApi(server.CreateClient());
        var signals = SignalJson.ForNewSource();
        await api.IngestAsync([signals.Complaint(TestSubjects.Uscc())]);
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        // As Prometheus asks: the OpenMetrics format carries each metric's unit.
        scraper.DefaultRequestHeaders.Accept.ParseAdd("application/openmetrics-text; version=1.0.0");

        var metrics = await Eventually.ReadAsync(
            () => scraper.GetStringAsync("/metrics"),
            text => text.Contains("riskengine_signals_applied_total", StringComparison.Ordinal),
            "the applied signal is counted on the scrape endpoint");

        Assert.Contains("# TYPE riskengine_signals_accepted counter", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE riskengine_log_append_duration_milliseconds histogram", metrics, StringComparison.Ordinal);
        Assert.Contains("# UNIT riskengine_log_append_duration_milliseconds milliseconds", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE riskengine_dispatch_lag gauge", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE riskengine_log_queue_depth gauge", metrics, StringComparison.Ordinal);
        Assert.Contains("orleans_grains{", metrics, StringComparison.Ordinal);
        using var apiScrape = await server.CreateClient().GetAsync("/metrics");
        Assert.NotEqual(System.Net.HttpStatusCode.OK, apiScrape.StatusCode);
    }

    [Fact]
    public async Task A_port_out_of_range_stops_the_server_with_the_key_named()
    {
        using var data = new TemporaryDirectory();

        var (exitCode, output) = await EngineProcess.RunUntilExitAsync(data.Path, "--Observability:PrometheusPort=70000");

        Assert.Equal(1, exitCode);
        Assert.Contains("Observability:PrometheusPort must be between 1 and 65535 (was 70000)", output, StringComparison.Ordinal);
    }
}
