using OpenTelemetry.Metrics;
using RiskEngine.Grains;

namespace RiskEngine.Server.Hosting;

/// <summary>Metrics: the engine's own meter and ASP.NET Core's request and connection meters.</summary>
public static class TelemetryComposition
{
    public static IServiceCollection AddEngineTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(EngineMetrics.MeterName)
            .AddMeter("Microsoft.AspNetCore.Hosting")
            .AddMeter("Microsoft.AspNetCore.Server.Kestrel"));
        return services;
    }
}
