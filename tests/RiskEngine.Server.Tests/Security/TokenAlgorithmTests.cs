using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.People;

namespace RiskEngine.Server.Tests.Security;

/// <summary>People's tokens are HS256: the same claims signed otherwise, even with the server's own key, are refused.</summary>
public sealed class TokenAlgorithmTests(TokenAlgorithmTests.Server fixture) : IClassFixture<TokenAlgorithmTests.Server>
{
    private static readonly byte[] SigningKey = RandomNumberGenerator.GetBytes(64);

    /// <summary>A server with a known signing key, long enough for every HMAC.</summary>
    public sealed class Server : EngineServerFixture
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Auth:Jwt:SigningKey", Convert.ToBase64String(SigningKey))];
    }

    [Theory]
    [InlineData(SecurityAlgorithms.HmacSha256, HttpStatusCode.OK)] // the control: the same key, re-signed as issued
    [InlineData(SecurityAlgorithms.HmacSha384, HttpStatusCode.Unauthorized)]
    [InlineData(SecurityAlgorithms.HmacSha512, HttpStatusCode.Unauthorized)]
    public async Task A_token_signed_with_another_hmac_over_the_same_key_is_refused(string algorithm, HttpStatusCode expected)
    {
        var (_, token, client) = await PeopleAccounts.SignInAsync(fixture.Server, "viewer", TestSubjects.Dongxihu);
        client.Dispose();
        var issued = new JsonWebToken(token);
        var resigned = new JsonWebTokenHandler().CreateToken(
            Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(issued.EncodedPayload)),
            new SigningCredentials(new SymmetricSecurityKey(SigningKey), algorithm));

        Assert.Equal(HttpStatusCode.OK, await WhoAmIAsync(token));
        Assert.Equal(expected, await WhoAmIAsync(resigned));
    }

    [Fact]
    public async Task An_unsigned_token_is_refused()
    {
        var (_, token, client) = await PeopleAccounts.SignInAsync(fixture.Server, "viewer", TestSubjects.Dongxihu);
        client.Dispose();
        var unsigned = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "." + new JsonWebToken(token).EncodedPayload + ".";

        Assert.Equal(HttpStatusCode.Unauthorized, await WhoAmIAsync(unsigned));
    }

    private async Task<HttpStatusCode> WhoAmIAsync(string token)
    {
        using var client = fixture.Server.CreateClient(apiKey: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync("/api/v1/auth/me");
        return response.StatusCode;
    }
}
