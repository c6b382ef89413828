using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RiskEngine.Server.Alerts;
using RiskEngine.Server.Auth;
using RiskEngine.Server.Model;
using RiskEngine.Server.Districts;
using RiskEngine.Server.Operations;
using RiskEngine.Server.Security;
using RiskEngine.Server.Signals;
using RiskEngine.Server.SpotChecks;
using RiskEngine.Server.Targets;
using RiskEngine.Server.Subjects;

namespace RiskEngine.Server.Hosting;

/// <summary>The HTTP API: its problem answers, OpenAPI document, health, request validation, rate limits and routes.</summary>
public static class ApiComposition
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "base-uri 'none'; form-action 'self'; object-src 'none'; frame-ancestors 'none'";

    public static IServiceCollection AddEngineApi(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Http.StatusProblemDetails.AddDetail);
        services.AddExceptionHandler<Http.TransientFailureHandler>();
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<EngineReadiness>("engine", tags: ["ready"]);
        services.AddSingleton<SignalValidator>();
        services.AddSingleton<RegistrationValidator>();
        AddRateLimits(services);
        services.AddTransportSecurity();
        return services;
    }

    /// <summary>The request pipeline; the rate limiter sits between authentication (it partitions by caller) and authorization.</summary>
    public static WebApplication UseEngineApi(this WebApplication app)
    {
        app.UseTransportSecurity();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (http, next) =>
        {
            // The pages load nothing from elsewhere and run no inline script; they talk to this origin alone ('self' covers
            // the hub's WebSocket on the same host and port, ws: or wss: to match the page).
            http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            await next();
        });
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapEngineApi(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi().RequireAuthorization(Policies.Read);

        var api = app.MapGroup("/api/v1");
        api.MapSignalEndpoints();
        api.MapSubjectEndpoints();
        api.MapDistrictEndpoints();
        api.MapLoginEndpoints();
        api.MapAlertEndpoints();
        api.MapSystemEndpoints();
        api.MapInspectionPlanEndpoints();
        api.MapInspectorEndpoints();
        api.MapTargetEndpoints();
        api.MapModelEndpoints();
        api.MapSecurityEndpoints();
        app.MapPublicPlanPage();
        return app;
    }

    private static void AddRateLimits(IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await Results.Problem(title: "Too many requests", detail: "This credential's request rate is over its limit; retry later.",
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
            };
            options.AddPolicy(LoginEndpoints.LoginRateLimit, LoginEndpoints.LoginPartition);
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (!http.Request.Path.StartsWithSegments("/api"))
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                var limits = http.RequestServices.GetRequiredService<IOptions<IngestOptions>>().Value;
                var partition = http.User.Identity?.IsAuthenticated == true
                    ? "user:" + http.User.Identity.Name
                    : "ip:" + http.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, limits.RequestBurst),
                    TokensPerPeriod = Math.Max(1, limits.RequestsPerSecond),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });
}
