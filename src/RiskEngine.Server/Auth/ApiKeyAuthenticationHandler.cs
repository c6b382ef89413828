using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace RiskEngine.Server.Auth;

/// <summary>Authenticates machines by the <c>X-Api-Key</c> header (or <c>access_token</c> on the hub, where headers cannot be set).</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    ApiKeyUseSampler uses)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = Request.Headers[HeaderName];
        if (string.IsNullOrEmpty(presented) && Request.Path.StartsWithSegments(Live.RiskHub.Path))
        {
            presented = Request.Query["access_token"];
        }

        if (string.IsNullOrEmpty(presented))
        {
            return AuthenticateResult.NoResult();
        }

        if (keys.Find(presented) is not { } entry)
        {
            return AuthenticateResult.Fail("Unknown API key.");
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, entry.Name), new(ClaimTypes.AuthenticationMethod, SchemeName) };
        claims.AddRange(entry.Scopes.Select(s => new Claim(Scopes.ClaimType, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        await uses.NoteAsync(entry.Name, Context);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
