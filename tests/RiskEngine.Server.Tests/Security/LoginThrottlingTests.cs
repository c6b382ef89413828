using System.Net;
using System.Net.Http.Json;
using RiskEngine.Server.Auth;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.People;

namespace RiskEngine.Server.Tests.Security;

/// <summary>
/// Guessing is slowed per user name with growing, bounded waits (whatever address the guesses come from) and per
/// client network, through real Kestrel.
/// </summary>
public sealed class LoginThrottlingTests
{
    private static readonly KeyValuePair<string, string?>[] QuickDelays =
    [
        new("Auth:Jwt:LoginFailuresBeforeDelay", "3"),
        new("Auth:Jwt:LoginDelay", "00:00:02"),
        new("Auth:Jwt:LoginDelayCap", "00:00:08"),
        new("Auth:Jwt:LoginAttemptsPerMinute", "10000"),
    ];

    [Fact]
    public async Task Failures_of_one_name_make_it_wait_longer_each_time_up_to_the_cap_and_other_names_are_not_held_up()
    {
        await using var server = await EngineServer.StartAsync(QuickDelays);
        var name = await PeopleAccounts.AddAsync(server, "officer", TestSubjects.Dongxihu);
        var bystander = await PeopleAccounts.AddAsync(server, "officer", TestSubjects.Dongxihu);
        using var anonymous = server.CreateClient(apiKey: null);
        Task<HttpResponseMessage> Try(string password, string user = "") =>
            anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = user.Length == 0 ? name : user, password });

        for (var i = 0; i < 2; i++)
        {
            await ProblemAssert.IsProblemAsync(await Try("wrong-password"), HttpStatusCode.Unauthorized);
        }

        var waits = new List<int>();
        for (var round = 0; round < 4; round++)
        {
            // A failure that reaches the password check ...
            await Eventually.ReadAsync(async () => (await Try("wrong-password")).StatusCode, s => s == HttpStatusCode.Unauthorized,
                "the name may try again", TimeSpan.FromSeconds(15));

            // ... makes the next try wait, even with the right password.
            var held = await Try(PeopleAccounts.Password);
            await ProblemAssert.IsProblemAsync(held, HttpStatusCode.TooManyRequests);
            waits.Add(int.Parse(held.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture));
            await EngineApi.ExpectStatusAsync(await Try(PeopleAccounts.Password, bystander), HttpStatusCode.OK);
        }

        Assert.Equal([2, 4, 8, 8], waits);
        var login = await Eventually.ReadAsync(() => Try(PeopleAccounts.Password), r => r.StatusCode == HttpStatusCode.OK,
            "the right password is taken once the wait is over", TimeSpan.FromSeconds(10));
        await EngineApi.ExpectStatusAsync(login, HttpStatusCode.OK);

        // A success forgets the failures: the next wrong password is answered at once again.
        await ProblemAssert.IsProblemAsync(await Try("wrong-password"), HttpStatusCode.Unauthorized);
        await EngineApi.ExpectStatusAsync(await Try(PeopleAccounts.Password), HttpStatusCode.OK);
    }

    [Fact]
    public async Task One_client_network_is_limited_whatever_names_it_tries()
    {
        await using var server = await EngineServer.StartAsync([new("Auth:Jwt:LoginAttemptsPerMinute", "3")]);
        using var anonymous = server.CreateClient(apiKey: null);

        for (var i = 0; i < 3; i++)
        {
            await ProblemAssert.IsProblemAsync(
                await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = "guess-" + i, password = "wrong-password" }), HttpStatusCode.Unauthorized);
        }

        var limited = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = "guess-3", password = "wrong-password" });
        await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.Contains("Retry-After"));
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("192.0.2.7", "192.0.2.7")]
    public void IPv6_addresses_count_by_their_64_bit_network(string address, string network)
    {
        Assert.Equal(network, ClientNetwork.Of(IPAddress.Parse(address)));
    }
}
