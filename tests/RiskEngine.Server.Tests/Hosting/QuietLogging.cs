namespace RiskEngine.Server.Tests.Hosting;

/// <summary>
/// Log levels for test servers: warnings of the engine itself, without the start-up chatter (silo options, the
/// readiness probe's early "unhealthy", Orleans' placement retries while the silo's manifest settles, no wwwroot in bin).
/// </summary>
public static class QuietLogging
{
    public static IEnumerable<KeyValuePair<string, string?>> Settings { get; } =
    [
        new("Logging:LogLevel:Default", "Warning"),
        new("Logging:LogLevel:Orleans", "Error"),
        new("Logging:LogLevel:Orleans.Runtime.Silo", "Error"),
        new("Logging:LogLevel:Polly", "Error"),
        new("Logging:LogLevel:Microsoft.AspNetCore.StaticFiles", "Error"),
        new("Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks", "Critical"),
    ];
}
