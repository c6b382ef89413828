using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RiskEngine.Server.Auth;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Storage.People;
using RiskEngine.Storage.Security;

namespace RiskEngine.Server.Tests.People;

/// <summary>People for tests: accounts put straight into the server's store, and logins over real HTTP.</summary>
public static class PeopleAccounts
{
    public const string Password = "correct-horse-battery-staple";

    private static int _next;

    /// <summary>A user name no other test uses.</summary>
    public static string NewName(string role) => $"{role}-{Interlocked.Increment(ref _next)}-{Guid.NewGuid().ToString("n")[..6]}";

    public static Task<string> AddAsync(EngineServer server, string role, params string[] districts) =>
        AddAsync(server, role, mustChangePassword: false, districts);

    public static async Task<string> AddAsync(EngineServer server, string role, bool mustChangePassword, params string[] districts)
    {
        var name = NewName(role);
        var users = server.Services.GetRequiredService<UserStore>();
        var record = new UserRecord(name, name, PasswordHashing.Hash(Password), role, districts, DateTimeOffset.UtcNow, MustChangePassword: mustChangePassword);
        Assert.True(await users.AddAsync(record, new SecurityEvent(SecurityEventKinds.UserAdded, "test", name)));
        return name;
    }

    public static async Task<LoginAnswer> LoginAsync(EngineServer server, string userName, string password = Password)
    {
        using var anonymous = server.CreateClient(apiKey: null);
        using var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName, password });
        await EngineApi.ExpectStatusAsync(response, HttpStatusCode.OK);
        return await ContractJson.ReadAsync<LoginAnswer>(response);
    }

    /// <summary>Adds a person and returns a client carrying their token.</summary>
    public static async Task<(string Name, string Token, HttpClient Client)> SignInAsync(EngineServer server, string role, params string[] districts)
    {
        var name = await AddAsync(server, role, districts);
        var token = (await LoginAsync(server, name)).AccessToken;
        return (name, token, ClientWith(server, token));
    }

    public static HttpClient ClientWith(EngineServer server, string token)
    {
        var client = server.CreateClient(apiKey: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
