using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Server.Hosting;

/// <summary>Where operators read the engine's metrics (section "Observability"); OTLP export is configured by the standard OTEL_* variables.</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>Port of the Prometheus scrape endpoint (<c>/metrics</c>), apart from the API's; none when not set.</summary>
    [Range(1, 65535)]
    public int? PrometheusPort { get; set; }

    /// <summary>
    /// Address the scrape endpoint listens on. Loopback by default: the endpoint has no authentication, so it is opened
    /// to a network only on purpose (<c>*</c> in a container whose port only the monitoring network reaches).
    /// </summary>
    [Required]
    public string PrometheusHost { get; set; } = "127.0.0.1";
}
