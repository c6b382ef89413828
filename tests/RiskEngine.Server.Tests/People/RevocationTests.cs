using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.SignalR;
using RiskEngine.Server.Hosting;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.Live;
using Xunit.Abstractions;

namespace RiskEngine.Server.Tests.People;

/// <summary>
/// Logins are revocable: disabling a person, or changing their password, role or jurisdiction on the command line,
/// makes their tokens answer 401 and closes their hub connections, through real Kestrel and real SignalR clients.
/// </summary>
public sealed class RevocationTests(ITestOutputHelper output)
{
    /// <summary>Short checks so the tests wait well under a second for what production bounds at 30 s.</summary>
    private static readonly KeyValuePair<string, string?>[] QuickRevocation =
    [
        new("Auth:Revocation:StampCacheDuration", "00:00:00.200"),
        new("Auth:Revocation:RevalidationInterval", "00:00:00.200"),
    ];

    [Fact]
    public async Task A_disabled_person_gets_401_their_hub_connection_closes_and_enabling_does_not_revive_old_tokens()
    {
        using var data = new TemporaryDirectory();
        await using var server = await EngineServer.StartAsync(QuickRevocation, data.Path);
        var (name, token, client) = await PeopleAccounts.SignInAsync(server, "officer", TestSubjects.Dongxihu);
        using (client)
        {
            await EngineApi.ExpectStatusAsync(await client.GetAsync("/api/v1/auth/me"), HttpStatusCode.OK);
            await using var watcher = await WallWatcher.ConnectAsync(server, token);
            var closed = ClosedAsync(watcher);
            await watcher.WatchAsync("district:" + TestSubjects.Dongxihu);

            Assert.Equal(0, await UsersAsync(data.Path, null, "disable", "--name", name));

            await Eventually.ReadAsync(() => StatusAsync(client, "/api/v1/auth/me"), s => s == HttpStatusCode.Unauthorized, "the disabled person's token is refused");
            await closed.WaitAsync(TimeSpan.FromSeconds(10));
            await ProblemAssert.IsProblemAsync(await LoginAsync(server, name, PeopleAccounts.Password), HttpStatusCode.Unauthorized);

            Assert.Equal(0, await UsersAsync(data.Path, null, "enable", "--name", name));
            var fresh = await PeopleAccounts.LoginAsync(server, name);
            using var again = PeopleAccounts.ClientWith(server, fresh.AccessToken);
            await EngineApi.ExpectStatusAsync(await again.GetAsync("/api/v1/auth/me"), HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, "/api/v1/auth/me"));
        }
    }

    [Theory]
    [InlineData("passwd")]
    [InlineData("role")]
    [InlineData("jurisdiction")]
    public async Task A_password_role_or_jurisdiction_change_on_the_command_line_revokes_the_old_token(string change)
    {
        using var data = new TemporaryDirectory();
        await using var server = await EngineServer.StartAsync(QuickRevocation, data.Path);
        var (name, token, client) = await PeopleAccounts.SignInAsync(server, "officer", TestSubjects.Dongxihu);
        using (client)
        {
            await using var watcher = await WallWatcher.ConnectAsync(server, token);
            var closed = ClosedAsync(watcher);
            var newPassword = "changed-password-" + change;

            var exitCode = change switch
            {
                "passwd" => await UsersAsync(data.Path, newPassword, "passwd", "--name", name, "--password-stdin"),
                "role" => await UsersAsync(data.Path, newPassword, "add", "--name", name, "--role", "viewer", "--district", TestSubjects.Dongxihu, "--update", "--password-stdin"),
                _ => await UsersAsync(data.Path, newPassword, "add", "--name", name, "--role", "officer", "--district", TestSubjects.Jiangan, "--update", "--password-stdin"),
            };

            Assert.Equal(0, exitCode);
            await Eventually.ReadAsync(() => StatusAsync(client, "/api/v1/auth/me"), s => s == HttpStatusCode.Unauthorized, $"the token from before the {change} change is refused");
            await closed.WaitAsync(TimeSpan.FromSeconds(10));
            var fresh = await PeopleAccounts.LoginAsync(server, name, newPassword);
            Assert.Equal(change == "role" ? "viewer" : "officer", fresh.Role);
        }
    }

    [Fact]
    public async Task A_hub_call_of_a_revoked_person_is_refused_before_the_periodic_check_closes_the_connection()
    {
        using var data = new TemporaryDirectory();
        await using var server = await EngineServer.StartAsync(
            [new("Auth:Revocation:StampCacheDuration", "00:00:00.100"), new("Auth:Revocation:RevalidationInterval", "00:00:10")], data.Path);
        var (name, token, client) = await PeopleAccounts.SignInAsync(server, "viewer", TestSubjects.Dongxihu);
        client.Dispose();
        await using var watcher = await WallWatcher.ConnectAsync(server, token);
        await watcher.WatchAsync("district:" + TestSubjects.Dongxihu);
        var stopwatch = Stopwatch.StartNew();

        Assert.Equal(0, await UsersAsync(data.Path, null, "disable", "--name", name));

        // The first call after the stamp's cache ran out is refused, and the server closes the connection.
        await Eventually.ReadAsync(async () =>
        {
            try
            {
                await watcher.WatchAsync("district:" + TestSubjects.Dongxihu);
                return null;
            }
            catch (Exception error) when (error is HubException or InvalidOperationException or TaskCanceledException)
            {
                return error;
            }
        }, error => error is InvalidOperationException or TaskCanceledException || error?.Message.Contains("revoked", StringComparison.Ordinal) == true,
            "a hub call of the disabled person fails as revoked (not as rate-limited)");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), "the call was refused only by the periodic check");
    }

    [Fact]
    public async Task A_hub_connection_does_not_outlive_its_token()
    {
        await using var server = await EngineServer.StartAsync([.. QuickRevocation, new("Auth:Jwt:Lifetime", "00:00:02")]);
        var (_, token, client) = await PeopleAccounts.SignInAsync(server, "viewer", TestSubjects.Dongxihu);
        client.Dispose();
        await using var watcher = await WallWatcher.ConnectAsync(server, token);
        var closed = ClosedAsync(watcher);

        // Accepted while the token was good (or within the validation's clock skew), closed once it has expired.
        await closed.WaitAsync(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task With_the_default_settings_a_disabled_persons_token_and_hub_connection_stop_within_30_seconds()
    {
        using var data = new TemporaryDirectory();
        await using var server = await EngineServer.StartAsync(dataDirectory: data.Path);
        var (name, token, client) = await PeopleAccounts.SignInAsync(server, "supervisor");
        using (client)
        {
            await using var watcher = await WallWatcher.ConnectAsync(server, token);
            var closed = ClosedAsync(watcher);
            await watcher.WatchAsync("city");

            var disabling = Stopwatch.StartNew();
            Assert.Equal(0, await UsersAsync(data.Path, null, "disable", "--name", name));
            await Eventually.ReadAsync(() => StatusAsync(client, "/api/v1/auth/me"), s => s == HttpStatusCode.Unauthorized,
                "the disabled person's token is refused", TimeSpan.FromSeconds(30));
            var refused = disabling.Elapsed;
            var left = TimeSpan.FromSeconds(30) - disabling.Elapsed;
            await closed.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            output.WriteLine($"default settings: token refused {refused.TotalSeconds:F1} s and hub connection closed {disabling.Elapsed.TotalSeconds:F1} s after `users disable`");
        }
    }

    private static Task ClosedAsync(WallWatcher watcher)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> LoginAsync(EngineServer server, string userName, string password)
    {
        using var anonymous = server.CreateClient(apiKey: null);
        return await anonymous.PostAsync("/api/v1/auth/login", System.Net.Http.Json.JsonContent.Create(new { userName, password }));
    }

    /// <summary>The server's own <c>users</c> command against the running server's store, as an operator on the same host.</summary>
    private static Task<int> UsersAsync(string dataDirectory, string? password, params string[] args) =>
        ServerCommandLine.InvokeAsync(
            ["users", .. args, $"--Storage:DataDirectory={dataDirectory}", $"--Seeds:Directory={RepositoryPaths.Seeds}"],
            new StringReader(password is null ? "" : password + "\n"), TextWriter.Null, TextWriter.Null);
}
