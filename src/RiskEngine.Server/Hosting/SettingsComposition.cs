using RiskEngine.Grains;
using RiskEngine.Grains.Alerts;
using RiskEngine.Server.Auth;
using RiskEngine.Server.Demo;
using RiskEngine.Server.Live;
using RiskEngine.Server.Signals;

namespace RiskEngine.Server.Hosting;

/// <summary>Every options class, bound to its configuration section.</summary>
public static class SettingsComposition
{
    public static IServiceCollection AddEngineSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.Section));
        services.Configure<SiloOptions>(configuration.GetSection(SiloOptions.Section));
        services.Configure<EngineOptions>(configuration.GetSection(EngineOptions.Section));
        services.Configure<IngestOptions>(configuration.GetSection(IngestOptions.Section));
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.Section));
        services.Configure<JwtOptions>(configuration.GetSection(JwtOptions.Section));
        services.Configure<AlertOptions>(configuration.GetSection(AlertOptions.Section));
        services.Configure<LiveOptions>(configuration.GetSection(LiveOptions.Section));
        return services;
    }
}
