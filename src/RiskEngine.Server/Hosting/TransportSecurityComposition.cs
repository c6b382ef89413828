using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace RiskEngine.Server.Hosting;

/// <summary>
/// HTTPS, whichever side terminates it: Kestrel itself (its standard <c>Kestrel:Endpoints</c> settings, certificate
/// included, need nothing here) or a TLS proxy in front, whose forwarded client address and scheme are believed when it
/// is one of <see cref="ProxyOptions"/>. A request that came over HTTPS either way is answered with HSTS.
/// </summary>
public static class TransportSecurityComposition
{
    public static IServiceCollection AddTransportSecurity(this IServiceCollection services)
    {
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProxyOptions>, ProxyOptionsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = proxies.Value.ForwardLimit;

            // The framework trusts loopback by default; here only the configured proxies are.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in proxies.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddOptions<Microsoft.AspNetCore.HttpsPolicy.HstsOptions>().BindConfiguration("Hsts");
        return services;
    }

    /// <summary>First in the pipeline: everything after it (throttling, logs, HSTS) sees the client's own address and scheme.</summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseHsts();
        return app;
    }
}
