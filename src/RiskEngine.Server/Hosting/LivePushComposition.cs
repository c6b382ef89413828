using Microsoft.AspNetCore.SignalR;
using RiskEngine.Server.Auth;
using RiskEngine.Server.Live;

namespace RiskEngine.Server.Hosting;

/// <summary>Live push: this server's wall publisher (coalesced frames per scope) and the SignalR hub walls and consoles join.</summary>
public static class LivePushComposition
{
    public static IServiceCollection AddLivePush(this IServiceCollection services)
    {
        services.AddSingleton<ThroughputMeter>();
        services.AddSingleton<WallPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<WallPublisher>());
        services.AddSingleton<HubConnectionCap>();
        services.AddSingleton<HubCallRateFilter>();
        services.AddSignalR(o =>
        {
            o.MaximumReceiveMessageSize = 16 * 1024;

            // Outermost first: a connection over the cap is refused before it is tracked; a revoked caller's call is
            // refused before it spends the connection's call budget.
            o.AddFilter<HubConnectionCap>();
            o.AddFilter<SessionHubFilter>();
            o.AddFilter<HubCallRateFilter>();
        }).AddMessagePackProtocol();
        return services;
    }

    public static WebApplication MapLivePush(this WebApplication app)
    {
        app.MapHub<RiskHub>(RiskHub.Path);
        return app;
    }
}
