using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RiskEngine.Storage.People;

namespace RiskEngine.Server.Auth;

/// <summary>Makes a person's access token: name, role, jurisdiction districts and security stamp, signed HS256.</summary>
public sealed class TokenIssuer(TokenKeys keys, IOptions<JwtOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public (string Token, DateTimeOffset ExpiresAt) Issue(UserRecord user)
    {
        var key = keys.Key ?? throw new InvalidOperationException("The token signing key is not loaded yet.");
        var now = clock.GetUtcNow();
        var expires = now + options.Value.Lifetime;
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, user.UserName), new(PersonClaims.NameClaim, user.UserName), new(PersonClaims.RoleClaim, user.Role), new(PersonClaims.StampClaim, user.SecurityStamp) };
        claims.AddRange(user.Districts.Select(d => new Claim(PersonClaims.District, d)));
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}
