using System.Net;
using RiskEngine.Server.Hosting;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.People;

/// <summary>
/// <c>users add|disable|enable|list|passwd</c> write accounts the server then accepts or refuses; bad input is refused
/// with exit code 2; every change lands in the security audit as made on the command line.
/// </summary>
public sealed class UsersCommandTests
{
    [Fact]
    public async Task An_added_officer_logs_in_and_an_update_replaces_the_password_role_and_jurisdiction()
    {
        using var data = new TemporaryDirectory();
        Assert.Equal(0, await AddAsync(data.Path, "new-password-0001", "--name", "Duty.Officer", "--role", "officer", "--district", "420112", "--district", "420102"));
        Assert.Equal(2, await AddAsync(data.Path, "new-password-0002", "--name", "duty.officer", "--role", "officer", "--district", "420112"));
        Assert.Equal(0, await AddAsync(data.Path, "new-password-0003", "--name", "duty.officer", "--role", "supervisor", "--city-wide", "--update"));

        await using var server = await EngineServer.StartAsync(dataDirectory: data.Path);
        var login = await PeopleAccounts.LoginAsync(server, "Duty.Officer", "new-password-0003");

        Assert.Equal(("duty.officer", "supervisor"), (login.UserName, login.Role));
        Assert.Empty(login.Districts);
    }

    [Theory]
    [InlineData("long-enough-password", "--name", "x", "--role", "chief", "--city-wide")]
    [InlineData("short", "--name", "x", "--role", "viewer", "--city-wide")]
    [InlineData("long-enough-password", "--name", "x", "--role", "viewer", "--district", "999999")]
    [InlineData("long-enough-password", "--role", "viewer", "--city-wide")]
    [InlineData("long-enough-password", "--name", "two words", "--role", "viewer", "--city-wide")]
    [InlineData("long-enough-password", "--name", "x", "--role", "viewer")]
    [InlineData("long-enough-password", "--name", "x", "--role", "viewer", "--district", "420112", "--city-wide")]
    [InlineData("long-enough-password", "--name", "x", "--role", "viewer", "--update")]
    public async Task Bad_input_is_refused_with_exit_code_2(string password, params string[] args)
    {
        using var data = new TemporaryDirectory();

        Assert.Equal(2, await AddAsync(data.Path, password, args));
    }

    [Fact]
    public async Task An_update_without_a_jurisdiction_does_not_widen_it_to_the_whole_city()
    {
        using var data = new TemporaryDirectory();
        Assert.Equal(0, await AddAsync(data.Path, "new-password-0001", "--name", "narrow", "--role", "viewer", "--district", "420112"));

        var errors = new StringWriter();
        var exitCode = await ServerCommandLine.InvokeAsync(
            ["users", "add", "--name", "narrow", "--role", "viewer", "--update", "--password-stdin", .. Settings(data.Path)],
            new StringReader("new-password-0002\n"), TextWriter.Null, errors);

        Assert.Equal(2, exitCode);
        Assert.Contains("--city-wide", errors.ToString(), StringComparison.Ordinal);
        await using var server = await EngineServer.StartAsync(dataDirectory: data.Path);
        Assert.Equal(["420112"], (await PeopleAccounts.LoginAsync(server, "narrow", "new-password-0001")).Districts);
    }

    /// <summary>The commands as an operator runs them: the built server executable in a process of its own, the password typed in.</summary>
    [Fact]
    public async Task Disable_enable_list_and_passwd_in_a_real_process_are_obeyed_and_audited()
    {
        using var data = new TemporaryDirectory();
        async Task<(int ExitCode, string Output)> Run(string? input, params string[] args) =>
            await EngineProcess.RunUntilExitAsync(data.Path, ["users", .. args, $"--Seeds:Directory={RepositoryPaths.Seeds}"], input);

        Assert.Equal(0, (await Run("first-password-01\n", "add", "--name", "ops.lead", "--role", "supervisor", "--district", "420112", "--password-stdin")).ExitCode);
        var (noJurisdiction, said) = await Run("first-password-01\n", "add", "--name", "wide", "--role", "viewer", "--password-stdin");
        Assert.Equal(2, noJurisdiction);
        Assert.Contains("--city-wide", said, StringComparison.Ordinal);

        Assert.Equal(0, (await Run(null, "disable", "--name", "OPS.LEAD")).ExitCode);
        var (listed, list) = await Run(null, "list");
        Assert.Equal(0, listed);
        Assert.Matches(@"ops\.lead\s+supervisor\s+420112\s+disabled", list);

        await using (var server = await EngineServer.StartAsync(dataDirectory: data.Path))
        {
            await ProblemAssert.IsProblemAsync(await LoginAsync(server, "ops.lead", "first-password-01"), HttpStatusCode.Unauthorized);
        }

        Assert.Equal(0, (await Run(null, "enable", "--name", "ops.lead")).ExitCode);
        Assert.Equal(0, (await Run("second-password-02\n", "passwd", "--name", "ops.lead", "--password-stdin")).ExitCode);
        Assert.Equal(2, (await Run(null, "enable", "--name", "nobody")).ExitCode);
        Assert.Equal(2, (await Run("short\n", "passwd", "--name", "ops.lead", "--password-stdin")).ExitCode);

        await using var again = await EngineServer.StartAsync(dataDirectory: data.Path);
        await ProblemAssert.IsProblemAsync(await LoginAsync(again, "ops.lead", "first-password-01"), HttpStatusCode.Unauthorized);
        Assert.Equal("ops.lead", (await PeopleAccounts.LoginAsync(again, "ops.lead", "second-password-02")).UserName);

        var (_, _, admin) = await PeopleAccounts.SignInAsync(again, "admin");
        using (admin)
        {
            var events = (await new EngineApi(admin).GetAsync<SecurityEventPageAnswer>("/api/v1/security/events?limit=500")).Items
                .Where(e => e.Subject == "ops.lead").Reverse().ToArray();
            Assert.Equal(
                ["user-added", "user-disabled", "tokens-revoked", "login-failed", "user-enabled", "password-changed", "tokens-revoked", "login-failed", "login-succeeded"],
                events.Select(e => e.Kind));
            Assert.All(events.Where(e => !e.Kind.StartsWith("login", StringComparison.Ordinal)), e => Assert.StartsWith("command-line:", e.Actor, StringComparison.Ordinal));
            Assert.Equal("account disabled", events[3].Detail);
        }
    }

    private static async Task<HttpResponseMessage> LoginAsync(EngineServer server, string userName, string password)
    {
        using var anonymous = server.CreateClient(apiKey: null);
        return await anonymous.PostAsync("/api/v1/auth/login", System.Net.Http.Json.JsonContent.Create(new { userName, password }));
    }

    private static string[] Settings(string dataDirectory) => [$"--Storage:DataDirectory={dataDirectory}", $"--Seeds:Directory={RepositoryPaths.Seeds}"];

    private static Task<int> AddAsync(string dataDirectory, string password, params string[] args) =>
        ServerCommandLine.InvokeAsync(
            ["users", "add", .. args, "--password-stdin", .. Settings(dataDirectory)],
            new StringReader(password + "\n"), TextWriter.Null, TextWriter.Null);
}
