using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using RiskEngine.Server.Hosting;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.Live;

namespace RiskEngine.Server.Tests.Cluster;

/// <summary>
/// Revocation and the security audit in cluster mode: two real server processes on one PostgreSQL. A person disabled on
/// the command line is refused by both servers and their hub connection closes; both servers appending audit events at
/// once keep one gapless chain.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class ClusterSecurityTests
{
    private const string Password = "cluster-password-01";

    [Fact]
    public async Task A_disabled_person_is_refused_by_every_server_and_the_servers_chain_their_audit_events_in_turn()
    {
        await using var database = await ClusterDatabase.CreateAsync();
        using var dataA = new TemporaryDirectory();
        using var dataB = new TemporaryDirectory();
        var settings = ClusterServerSettings.For(database.ConnectionString,
            new("Auth:Revocation:StampCacheDuration", "00:00:00.200"),
            new("Auth:Revocation:RevalidationInterval", "00:00:00.200"),
            new("Auth:Jwt:LoginAttemptsPerMinute", "1000"));
        var started = await Task.WhenAll(EngineProcess.StartAsync(dataA.Path, settings), EngineProcess.StartAsync(dataB.Path, settings));
        using var a = started[0];
        using var b = started[1];
        Assert.Equal(0, await UsersAsync(database, Password, "add", "--name", "cluster.officer", "--role", "officer", "--district", TestSubjects.Dongxihu, "--password-stdin"));
        Assert.Equal(0, await UsersAsync(database, Password, "add", "--name", "cluster.admin", "--role", "admin", "--city-wide", "--password-stdin"));

        var officerToken = await LoginAsync(a, "cluster.officer");
        using var officerOnA = Bearer(a, officerToken);
        using var officerOnB = Bearer(b, officerToken);
        await EngineApi.ExpectStatusAsync(await officerOnB.GetAsync("/api/v1/auth/me"), HttpStatusCode.OK);
        await using var watcher = await WallWatcher.ConnectAsync(b.BaseAddress, officerToken);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await watcher.WatchAsync("district:" + TestSubjects.Dongxihu);

        // Both servers record failed logins at the same time.
        using var anonymousA = a.CreateClient(apiKey: null);
        using var anonymousB = b.CreateClient(apiKey: null);
        var guesses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            (i % 2 == 0 ? anonymousA : anonymousB).PostAsJsonAsync("/api/v1/auth/login", new { userName = $"guess-{i}", password = "wrong-password" })));
        Assert.All(guesses, g => Assert.Equal(HttpStatusCode.Unauthorized, g.StatusCode));

        Assert.Equal(0, await UsersAsync(database, null, "disable", "--name", "cluster.officer"));
        foreach (var client in new[] { officerOnA, officerOnB })
        {
            await Eventually.ReadAsync(async () => (await client.GetAsync("/api/v1/auth/me")).StatusCode, s => s == HttpStatusCode.Unauthorized,
                $"{client.BaseAddress} refuses the disabled person's token");
        }

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        using var admin = Bearer(a, await LoginAsync(b, "cluster.admin"));
        var events = (await new EngineApi(admin).GetAsync<SecurityEventPageAnswer>("/api/v1/security/events?limit=500")).Items;
        Assert.Equal((1L, new string('0', 64)), (events[^1].Seq, events[^1].PreviousHash));
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Seq == p.Second.Seq + 1 && p.First.PreviousHash == p.Second.Hash), "the chain has a gap or a fork");
        Assert.Equal(40, events.Count(e => e.Kind == "login-failed" && e.Actor.StartsWith("guess-", StringComparison.Ordinal)));
        Assert.Contains(events, e => e.Kind == "tokens-revoked" && e.Subject == "cluster.officer" && e.Actor.StartsWith("command-line:", StringComparison.Ordinal));
    }

    private static HttpClient Bearer(EngineProcess server, string token)
    {
        var client = server.CreateClient(apiKey: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<string> LoginAsync(EngineProcess server, string userName)
    {
        using var anonymous = server.CreateClient(apiKey: null);
        using var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = Password });
        await EngineApi.ExpectStatusAsync(response, HttpStatusCode.OK);
        return (await ContractJson.ReadAsync<LoginAnswer>(response)).AccessToken;
    }

    private static Task<int> UsersAsync(ClusterDatabase database, string? password, params string[] args) =>
        ServerCommandLine.InvokeAsync(
            ["users", .. args, "--Storage:Provider=PostgreSQL", $"--Storage:ConnectionString={database.ConnectionString}", $"--Seeds:Directory={RepositoryPaths.Seeds}"],
            new StringReader(password is null ? "" : password + "\n"), TextWriter.Null, TextWriter.Null);
}
