using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using RiskEngine.Grains;

namespace RiskEngine.Server.Hosting;

/// <summary>
/// Metrics: the engine's own meter, Orleans' (grain activations, messaging), SignalR's (hub connections) and ASP.NET
/// Core's request and connection meters; scraped by Prometheus on a management port of their own when
/// <c>Observability:PrometheusPort</c> is set, and pushed over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is.
/// </summary>
public static class TelemetryComposition
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddEngineTelemetry(this WebApplicationBuilder builder)
    {
        // Read now: the exporters are composed with the meter provider, before options are resolved. The section is
        // also checked at start (SettingsComposition), so a bad port stops the server with the key named.
        var observability = builder.Configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>() ?? new ObservabilityOptions();
        var otlp = builder.Configuration[OtlpEndpointVariable];
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("riskengine"))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(EngineMetrics.MeterName)
                    .AddMeter("Microsoft.Orleans")
                    .AddMeter("Microsoft.AspNetCore.Http.Connections")
                    .AddMeter("Microsoft.AspNetCore.Hosting")
                    .AddMeter("Microsoft.AspNetCore.Server.Kestrel");
                if (observability.PrometheusPort is { } port and > 0 and <= 65535)
                {
                    // A listener of its own, not a route of the API's Kestrel: the scrape stays off the public port and
                    // needs no API key, and --urls keeps its meaning.
                    metrics.AddPrometheusHttpListener(listener =>
                    {
                        listener.Host = observability.PrometheusHost;
                        listener.Port = port;
                    });
                }

                if (!string.IsNullOrWhiteSpace(otlp))
                {
                    metrics.AddOtlpExporter();
                }
            });
        return builder;
    }
}
