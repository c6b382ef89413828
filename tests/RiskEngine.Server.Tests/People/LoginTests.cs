using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Storage.People;

namespace RiskEngine.Server.Tests.People;

/// <summary>People log in over real HTTP and are held to their role and jurisdiction.</summary>
public sealed class LoginTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    private EngineServer Server => fixture.Server;

    [Fact]
    public async Task A_viewer_reads_their_district_and_is_refused_the_others()
    {
        var (name, _, client) = await PeopleAccounts.SignInAsync(Server, "viewer", TestSubjects.Dongxihu);
        using (client)
        {
            var me = await new EngineApi(client).GetAsync<WhoAmI>("/api/v1/auth/me");
            Assert.Equal((name, "person", "viewer"), (me.Name, me.Kind, me.Role));
            Assert.Equal([TestSubjects.Dongxihu], me.Districts);

            var own = await client.GetAsync($"/api/v1/districts/{TestSubjects.Dongxihu}");
            await EngineApi.ExpectStatusAsync(own, HttpStatusCode.OK);
            // Outside the jurisdiction a district is as unknown as one that does not exist.
            var outside = await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/districts/{TestSubjects.Jiangan}"), HttpStatusCode.NotFound);
            var unknown = await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/districts/429999"), HttpStatusCode.NotFound);
            Assert.Equal(unknown.Detail!.Replace("429999", TestSubjects.Jiangan, StringComparison.Ordinal), outside.Detail);
            await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/city"), HttpStatusCode.Forbidden);
            var listed = await new EngineApi(client).GetAsync<DistrictView[]>("/api/v1/districts");
            Assert.Equal([TestSubjects.Dongxihu], listed.Select(d => d.Code));

            // People read; only machines with scope ingest write signals.
            var post = await new EngineApi(client).PostSignalsAsync([SignalJson.ForNewSource().Complaint(TestSubjects.Uscc())]);
            await ProblemAssert.IsProblemAsync(post, HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task An_entity_outside_the_jurisdiction_answers_as_an_unknown_one_without_naming_its_district()
    {
        var outside = TestSubjects.Uscc(TestSubjects.Jiangan);
        using (var machine = new EngineApi(Server.CreateClient()))
        {
            await machine.IngestAsync([SignalJson.ForNewSource().Complaint(outside)]);
        }

        var (_, _, client) = await PeopleAccounts.SignInAsync(Server, "officer", TestSubjects.Dongxihu);
        using (client)
        {
            var hidden = await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/entities/{outside}"), HttpStatusCode.NotFound);
            var never = TestSubjects.Uscc(TestSubjects.Jiangan);
            var unknown = await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/entities/{never}"), HttpStatusCode.NotFound);
            Assert.Equal(unknown.Detail!.Replace(never, outside, StringComparison.Ordinal), hidden.Detail);
            Assert.DoesNotContain(TestSubjects.Jiangan, hidden.Detail![(hidden.Detail!.IndexOf(outside, StringComparison.Ordinal) + outside.Length)..], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_city_wide_person_sees_the_city()
    {
        var (_, _, client) = await PeopleAccounts.SignInAsync(Server, "supervisor");
        using (client)
        {
            using var city = await client.GetAsync("/api/v1/city");
            await EngineApi.ExpectStatusAsync(city, HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Wrong_passwords_and_unknown_names_get_the_same_401()
    {
        var name = await PeopleAccounts.AddAsync(Server, "viewer");
        using var anonymous = Server.CreateClient(apiKey: null);

        var wrong = await ProblemAssert.IsProblemAsync(
            await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = name, password = "not-the-password" }), HttpStatusCode.Unauthorized);
        var unknown = await ProblemAssert.IsProblemAsync(
            await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = "nobody-" + Guid.NewGuid(), password = PeopleAccounts.Password }), HttpStatusCode.Unauthorized);

        Assert.Equal(wrong.Detail, unknown.Detail);
    }

    [Fact]
    public async Task User_names_match_whatever_their_case()
    {
        var name = await PeopleAccounts.AddAsync(Server, "viewer");

        var login = await PeopleAccounts.LoginAsync(Server, name.ToUpperInvariant());

        Assert.Equal(name, login.UserName);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"userName\":\"someone\"}")]
    [InlineData("not json")]
    public async Task A_malformed_login_is_a_400(string body)
    {
        using var anonymous = Server.CreateClient(apiKey: null);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await anonymous.PostAsync("/api/v1/auth/login", content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "riskengine",
            Audience = "riskengine",
            Subject = new ClaimsIdentity([new Claim("name", "mallory"), new Claim("role", "admin")]),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), SecurityAlgorithms.HmacSha256),
        });
        using var client = Server.CreateClient(apiKey: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/auth/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_first_start_created_an_administrator()
    {
        var admin = await Server.Services.GetRequiredService<UserStore>().FindAsync("admin");

        Assert.NotNull(admin);
        Assert.Equal("admin", admin.Role);
        Assert.Empty(admin.Districts);
        Assert.StartsWith("AQAAAA", admin.PasswordHash, StringComparison.Ordinal);
        Assert.True(admin.MustChangePassword);
    }
}
