using RiskEngine.Server.Hosting;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.People;

/// <summary><c>users add</c> writes accounts the server then accepts; bad input is refused with exit code 2.</summary>
public sealed class UsersCommandTests
{
    [Fact]
    public async Task An_added_officer_logs_in_and_an_update_replaces_the_password()
    {
        using var data = new TemporaryDirectory();
        Assert.Equal(0, await AddAsync(data.Path, "new-password-0001", "--name", "Duty.Officer", "--role", "officer", "--district", "420112", "--district", "420102"));
        Assert.Equal(2, await AddAsync(data.Path, "new-password-0002", "--name", "duty.officer", "--role", "officer"));
        Assert.Equal(0, await AddAsync(data.Path, "new-password-0003", "--name", "duty.officer", "--role", "supervisor", "--update"));

        await using var server = await EngineServer.StartAsync(dataDirectory: data.Path);
        var login = await PeopleAccounts.LoginAsync(server, "Duty.Officer", "new-password-0003");

        Assert.Equal(("duty.officer", "supervisor"), (login.UserName, login.Role));
        Assert.Empty(login.Districts);
    }

    [Theory]
    [InlineData("long-enough-password", "--name", "x", "--role", "chief")]
    [InlineData("short", "--name", "x", "--role", "viewer")]
    [InlineData("long-enough-password", "--name", "x", "--role", "viewer", "--district", "999999")]
    [InlineData("long-enough-password", "--role", "viewer")]
    [InlineData("long-enough-password", "--name", "two words", "--role", "viewer")]
    public async Task Bad_input_is_refused_with_exit_code_2(string password, params string[] args)
    {
        using var data = new TemporaryDirectory();

        Assert.Equal(2, await AddAsync(data.Path, password, args));
    }

    private static Task<int> AddAsync(string dataDirectory, string password, params string[] args) =>
        ServerCommandLine.InvokeAsync(
            ["users", "add", .. args, "--password-stdin", $"--Storage:DataDirectory={dataDirectory}", $"--Seeds:Directory={RepositoryPaths.Seeds}"],
            new StringReader(password + "\n"), TextWriter.Null, TextWriter.Null);
}
