using Microsoft.Playwright;
using RiskEngine.Server.Hosting;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.People;

namespace RiskEngine.Server.Tests.Browser;

/// <summary>
/// The pages' own defences in a real headless Chromium: a policy that lets them talk to this origin alone (the wall's
/// hub WebSocket included), and a login whose <c>next</c> can only lead to a page of this origin.
/// </summary>
public sealed class PageSecurityTests(EngineServerFixture fixture, HeadlessChromium chromium)
    : IClassFixture<EngineServerFixture>, IClassFixture<HeadlessChromium>
{
    private EngineServer Server => fixture.Server;

    [Fact]
    public async Task The_wall_reaches_its_hub_over_a_websocket_under_a_policy_that_allows_its_own_origin_alone()
    {
        using (var client = Server.CreateClient(apiKey: null))
        using (var page = await client.GetAsync("/"))
        {
            var policy = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
            Assert.Equal(ApiComposition.ContentSecurityPolicy, policy);
            Assert.Contains("connect-src 'self';", policy, StringComparison.Ordinal);
        }

        var supervisor = await PeopleAccounts.AddAsync(Server, "supervisor");
        var wall = await chromium.NewPageAsync();
        var sockets = new List<string>();
        var refusals = new List<string>();
        wall.WebSocket += (_, socket) => sockets.Add(socket.Url);
        wall.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                refusals.Add(message.Text);
            }
        };

        await BrowserLogin.LogInAsync(wall, Server, supervisor, "/");
        await Assertions.Expect(wall.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 20_000 });

        Assert.Contains(sockets, url => url.StartsWith($"ws://{Server.BaseAddress.Authority}/hubs/risk", StringComparison.Ordinal));
        Assert.Empty(refusals);
        await wall.Context.CloseAsync();
    }

    [Theory]
    [InlineData("//evil.example/wall")]
    [InlineData("https://evil.example/wall")]
    [InlineData("/\\evil.example/wall")]
    [InlineData("/\t/evil.example/wall")]
    [InlineData("\\\\evil.example/wall")]
    [InlineData("javascript:alert(document.domain)")]
    [InlineData("/login.html?next=//evil.example/")]
    public async Task A_next_that_leaves_this_origin_lands_on_the_wall_instead(string next)
    {
        var landed = await LogInAndLandAsync(next);

        Assert.Equal(Server.BaseAddress.GetLeftPart(UriPartial.Authority), landed.GetLeftPart(UriPartial.Authority));
        Assert.Contains(landed.AbsolutePath, new[] { "/", "/index.html" });
    }

    [Fact]
    public async Task A_next_on_this_origin_is_followed_with_its_query_and_fragment()
    {
        var landed = await LogInAndLandAsync("/console.html?state=open#alerts");

        Assert.Equal(new Uri(Server.BaseAddress, "/console.html?state=open#alerts"), landed);
    }

    private async Task<Uri> LogInAndLandAsync(string next)
    {
        var supervisor = await PeopleAccounts.AddAsync(Server, "supervisor");
        var page = await chromium.NewPageAsync(1366, 768);
        try
        {
            await page.GotoAsync(new Uri(Server.BaseAddress, "/login.html?next=" + Uri.EscapeDataString(next)).ToString());
            await page.FillAsync("#userName", supervisor);
            await page.FillAsync("#password", PeopleAccounts.Password);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync(url => !url.Contains("/login.html", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
            return new Uri(page.Url);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
