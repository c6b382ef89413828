using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.People;

/// <summary>
/// A password that must be replaced (the generated first administrator's) gives no token until it is: login answers
/// 403 with passwordChangeRequired, and POST /api/v1/auth/password sets a new one and answers the token.
/// </summary>
public sealed partial class FirstLoginTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    private EngineServer Server => fixture.Server;

    [Fact]
    public async Task The_printed_first_admin_password_only_lets_the_admin_set_a_new_one()
    {
        using var data = new TemporaryDirectory();
        using var process = await EngineProcess.StartAsync(data.Path);
        var printed = FirstAdminPassword().Match(process.OutputTail(400));
        Assert.True(printed.Success, "the first start printed no administrator password:\n" + process.OutputTail());
        var password = printed.Groups["password"].Value;
        using var anonymous = process.CreateClient(apiKey: null);

        var refused = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin", password });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.True((await ContractJson.ReadAsync<PasswordChangeRequiredProblem>(refused)).PasswordChangeRequired);

        var changed = await anonymous.PostAsJsonAsync("/api/v1/auth/password", new { userName = "admin", currentPassword = password, newPassword = "the-admins-own-password" });
        await EngineApi.ExpectStatusAsync(changed, HttpStatusCode.OK);
        var token = (await ContractJson.ReadAsync<LoginAnswer>(changed)).AccessToken;
        using var admin = process.CreateClient(apiKey: null);
        admin.DefaultRequestHeaders.Authorization = new("Bearer", token);
        await EngineApi.ExpectStatusAsync(await admin.GetAsync("/api/v1/security/events"), HttpStatusCode.OK);

        await ProblemAssert.IsProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin", password }), HttpStatusCode.Unauthorized);
        var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin", password = "the-admins-own-password" });
        await EngineApi.ExpectStatusAsync(login, HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_bad_password_change_is_refused_with_problem_details()
    {
        var name = await PeopleAccounts.AddAsync(Server, "officer", mustChangePassword: true, TestSubjects.Dongxihu);
        using var anonymous = Server.CreateClient(apiKey: null);
        Task<HttpResponseMessage> Change(object body) => anonymous.PostAsJsonAsync("/api/v1/auth/password", body);

        await ProblemAssert.IsProblemAsync(await Change(new { userName = name, currentPassword = PeopleAccounts.Password, newPassword = "short" }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await Change(new { userName = name, currentPassword = PeopleAccounts.Password, newPassword = PeopleAccounts.Password }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await Change(new { userName = name, currentPassword = PeopleAccounts.Password }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await Change(new { userName = name, currentPassword = "not-the-password", newPassword = "a-new-long-password" }), HttpStatusCode.Unauthorized);
        using var notJson = new StringContent("not json", System.Text.Encoding.UTF8, "application/json");
        await ProblemAssert.IsProblemAsync(await anonymous.PostAsync("/api/v1/auth/password", notJson), HttpStatusCode.BadRequest);

        // Still unchanged: the password must still be replaced.
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = name, password = PeopleAccounts.Password })).StatusCode);
    }

    [Fact]
    public async Task Changing_ones_own_password_revokes_the_tokens_issued_before()
    {
        var (name, _, before) = await PeopleAccounts.SignInAsync(Server, "viewer", TestSubjects.Dongxihu);
        using (before)
        {
            using var anonymous = Server.CreateClient(apiKey: null);
            var changed = await anonymous.PostAsJsonAsync("/api/v1/auth/password", new { userName = name, currentPassword = PeopleAccounts.Password, newPassword = "a-brand-new-password" });
            await EngineApi.ExpectStatusAsync(changed, HttpStatusCode.OK);
            using var after = PeopleAccounts.ClientWith(Server, (await ContractJson.ReadAsync<LoginAnswer>(changed)).AccessToken);

            // The server that made the change forgets the old stamp at once; others within the stamp cache's time.
            await ProblemAssert.IsProblemAsync(await before.GetAsync("/api/v1/auth/me"), HttpStatusCode.Unauthorized);
            await EngineApi.ExpectStatusAsync(await after.GetAsync("/api/v1/auth/me"), HttpStatusCode.OK);
        }
    }

    [GeneratedRegex(@"password:\s+(?<password>\S+)")]
    private static partial Regex FirstAdminPassword();
}
