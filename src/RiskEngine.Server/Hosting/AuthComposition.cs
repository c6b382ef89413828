using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using RiskEngine.Server.Auth;
using RiskEngine.Server.Live;

namespace RiskEngine.Server.Hosting;

/// <summary>Who is calling (machines by API key, people by JWT) and what each may do (the API's policies).</summary>
public static class AuthComposition
{
    public static IServiceCollection AddEngineAuth(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<TokenKeys>();
        services.AddSingleton<TokenIssuer>();
        services.AddMemoryCache();
        services.AddSingleton<SecurityStamps>();
        services.AddSingleton<SecurityMetrics>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<PasswordSignIn>();
        services.AddSingleton<ApiKeyUseSampler>();
        services.AddSingleton<HubSessions>();
        services.AddSingleton<SessionHubFilter>();
        services.AddHostedService<RevokedSessionCloser>();
        AddAuthentication(services);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Ingest, p => p.RequireAuthenticatedUser().RequireClaim(Scopes.ClaimType, Scopes.Ingest))
            .AddPolicy(Policies.Read, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
                c.User.HasClaim(Scopes.ClaimType, Scopes.Read) || c.User.IsPerson()))
            .AddPolicy(Policies.ActOnAlerts, p => p.RequireAuthenticatedUser().RequireClaim(PersonClaims.RoleClaim, Roles.Acting))
            .AddPolicy(Policies.ManagePlans, p => p.RequireAuthenticatedUser().RequireClaim(PersonClaims.RoleClaim, Roles.Supervising))
            .AddPolicy(Policies.ManageModel, p => p.RequireAuthenticatedUser().RequireClaim(PersonClaims.RoleClaim, Roles.Admin))
            .AddPolicy(Policies.Administer, p => p.RequireAuthenticatedUser().RequireClaim(PersonClaims.RoleClaim, Roles.Admin));
        return services;
    }

    /// <summary>
    /// Machines present an API key (header, or <c>access_token</c> on the hub); people a JWT (bearer header, or
    /// <c>access_token</c> on the hub, where browsers cannot set headers). One default scheme picks per request.
    /// </summary>
    private static void AddAuthentication(IServiceCollection services)
    {
        const string pick = "ApiKeyOrBearer";
        services.AddAuthentication(pick)
            .AddPolicyScheme(pick, pick, o => o.ForwardDefaultSelector = http =>
            {
                var authorization = http.Request.Headers.Authorization.ToString();
                if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    return JwtBearerDefaults.AuthenticationScheme;
                }

                var token = http.Request.Path.StartsWithSegments(RiskHub.Path) ? http.Request.Query["access_token"].ToString() : "";
                return token.Count(c => c == '.') == 2 ? JwtBearerDefaults.AuthenticationScheme : ApiKeyAuthenticationHandler.SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenKeys, IOptions<JwtOptions>>((o, keys, jwt) =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Value.Issuer,
                    ValidAudience = jwt.Value.Audience,
                    NameClaimType = PersonClaims.NameClaim,
                    RoleClaimType = PersonClaims.RoleClaim,
                    ClockSkew = TimeSpan.FromSeconds(30),

                    // Tokens are issued with HS256 alone; any other algorithm (another HMAC over the same key, "none") is a forgery.
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    IssuerSigningKeyResolver = (_, _, _, _) => keys.Key is { } key ? [key] : [],
                };
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        if (context.HttpContext.Request.Path.StartsWithSegments(RiskHub.Path)
                            && context.Request.Query["access_token"].ToString() is { Length: > 0 } token)
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                    OnTokenValidated = async context =>
                    {
                        var stamps = context.HttpContext.RequestServices.GetRequiredService<SecurityStamps>();
                        if (!await stamps.IsCurrentAsync(context.Principal!, context.HttpContext.RequestAborted))
                        {
                            context.Fail("The token was revoked: the person was disabled or their password, role or jurisdiction changed.");
                        }
                    },
                };
            });
    }
}
