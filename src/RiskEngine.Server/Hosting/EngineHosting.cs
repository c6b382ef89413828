using RiskEngine.Server.Auth;
using RiskEngine.Server.Demo;

namespace RiskEngine.Server.Hosting;

/// <summary>
/// Composes the server: its settings, the engine over its storage, the silo, the API and its guards, live push and
/// telemetry. Each concern is composed in a class of its own; this is the table of contents.
/// </summary>
public static class EngineHosting
{
    public static WebApplicationBuilder AddRiskEngine(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddEngineSettings();

        // Embedded or cluster decides what is composed, so the storage settings are read now, not when first injected.
        var storage = StorageComposition.ReadStorageOptions(builder.Configuration);
        builder.AddEngine(storage);

        // Hosted services start in registration order, so these lines keep theirs: credentials load before the first
        // request (after the security audit's chain is checked), the engine's lifecycle claims its checkpoint row before the silo starts, the wall publisher after it.
        services.AddHostedService<Security.AuditChainStartup>();
        services.AddHostedService<CredentialsStartup>();
        services.AddHostedService<EngineLifecycle>();
        services.AddHostedService<DemoFeed>();
        services.AddHostedService<WallAddressBanner>();
        builder.AddEngineSilo(storage);
        services.AddEngineApi();
        services.AddLivePush();
        builder.AddSpotChecks();
        services.AddEngineAuth();
        builder.AddEngineTelemetry();
        return builder;
    }

    public static WebApplication MapRiskEngine(this WebApplication app)
    {
        app.UseEngineApi();
        app.MapEngineApi();
        app.MapLivePush();
        return app;
    }
}
