using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.People;

namespace RiskEngine.Server.Tests.Security;

/// <summary>
/// The security audit through the API (admins only, paged, problem details for bad input), what it records, and the
/// server refusing to start on a broken chain unless told to re-anchor it (a real process over a tampered SQLite file).
/// </summary>
public sealed class SecurityAuditTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    private EngineServer Server => fixture.Server;

    [Fact]
    public async Task Logins_are_recorded_with_the_address_and_admins_page_through_them()
    {
        var name = await PeopleAccounts.AddAsync(Server, "viewer", TestSubjects.Dongxihu);
        using (var anonymous = Server.CreateClient(apiKey: null))
        {
            await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = name, password = "not-the-password" });
        }

        await PeopleAccounts.LoginAsync(Server, name);
        var (_, _, admin) = await PeopleAccounts.SignInAsync(Server, "admin");
        using (admin)
        {
            var api = new EngineApi(admin);
            var mine = (await api.GetAsync<SecurityEventPageAnswer>("/api/v1/security/events?limit=500")).Items.Where(e => e.Subject == name).ToArray();
            Assert.Equal(["login-succeeded", "login-failed", "user-added"], mine.Select(e => e.Kind));
            Assert.Equal(("127.0.0.1", "wrong password"), (mine[1].Address, mine[1].Detail));

            var first = await api.GetAsync<SecurityEventPageAnswer>("/api/v1/security/events?limit=2");
            Assert.Equal(2, first.Items.Count);
            Assert.NotNull(first.NextBefore);
            var second = await api.GetAsync<SecurityEventPageAnswer>($"/api/v1/security/events?limit=2&before={first.NextBefore}");
            Assert.Equal(first.Items[1].Seq - 1, second.Items[0].Seq);
            Assert.Equal(first.Items[1].PreviousHash, second.Items[0].Hash);

            var failures = await api.GetAsync<SecurityEventPageAnswer>("/api/v1/security/events?kind=login-failed");
            Assert.All(failures.Items, e => Assert.Equal("login-failed", e.Kind));
        }
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=501")]
    [InlineData("?before=0")]
    [InlineData("?before=abc")]
    [InlineData("?kind=coffee-break")]
    public async Task Bad_queries_get_problem_details(string query)
    {
        var (_, _, admin) = await PeopleAccounts.SignInAsync(Server, "admin");
        using (admin)
        {
            await ProblemAssert.IsProblemAsync(await admin.GetAsync("/api/v1/security/events" + query), HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task Only_admins_read_it()
    {
        var (_, _, supervisor) = await PeopleAccounts.SignInAsync(Server, "supervisor");
        using (supervisor)
        using (var machine = Server.CreateClient())
        using (var anonymous = Server.CreateClient(apiKey: null))
        {
            await ProblemAssert.IsProblemAsync(await supervisor.GetAsync("/api/v1/security/events"), HttpStatusCode.Forbidden);
            await ProblemAssert.IsProblemAsync(await machine.GetAsync("/api/v1/security/events"), HttpStatusCode.Forbidden);
            await ProblemAssert.IsProblemAsync(await anonymous.GetAsync("/api/v1/security/events"), HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task API_key_use_is_sampled_at_most_once_per_key_and_minute()
    {
        using (var machine = Server.CreateClient(TestApiKeys.ReadOnly))
        {
            for (var i = 0; i < 10; i++)
            {
                await EngineApi.ExpectStatusAsync(await machine.GetAsync("/api/v1/districts"), HttpStatusCode.OK);
            }
        }

        var (_, _, admin) = await PeopleAccounts.SignInAsync(Server, "admin");
        using (admin)
        {
            var uses = (await new EngineApi(admin).GetAsync<SecurityEventPageAnswer>("/api/v1/security/events?kind=api-key-used&limit=500")).Items
                .Where(e => e.Actor == TestApiKeys.ReadOnlyName).ToArray();
            Assert.NotEmpty(uses);
            Assert.Equal(uses.Length, uses.Select(e => e.At.ToUnixTimeSeconds() / 60).Distinct().Count());
            Assert.Equal("127.0.0.1", uses[0].Address);
        }
    }

    [Fact]
    public async Task A_broken_chain_stops_the_server_until_it_is_told_to_reanchor()
    {
        using var data = new TemporaryDirectory();
        using (await EngineProcess.StartAsync(data.Path))
        {
            // The first start records the generated administrator.
        }

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "signals.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var tamper = connection.CreateCommand();
            tamper.CommandText = "UPDATE security_event SET detail = 'nothing happened' WHERE seq = 1";
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        var (exitCode, said) = await EngineProcess.RunUntilExitAsync(data.Path);
        Assert.Equal(1, exitCode);
        Assert.Contains("hash chain is broken at event 1", said, StringComparison.Ordinal);
        Assert.Contains("--Security:ReanchorAuditChain=true", said, StringComparison.Ordinal);

        using (var reanchored = await EngineProcess.StartAsync(data.Path, [new("Security:ReanchorAuditChain", "true")]))
        {
            Assert.Contains("re-anchored as told", reanchored.OutputTail(), StringComparison.Ordinal);
        }

        // Re-anchored, the chain holds from there: a start without the option goes ahead.
        using var again = await EngineProcess.StartAsync(data.Path);
        Assert.False(again.HasExited);
    }
}
