using Microsoft.Playwright;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.People;
using Xunit.Abstractions;

namespace RiskEngine.Server.Tests.Browser;

/// <summary>The wall in a real headless Chromium against a real server: log in, watch it change live, keep a screenshot.</summary>
public sealed class WallPageTests(EngineServerFixture fixture, HeadlessChromium chromium, ITestOutputHelper output)
    : IClassFixture<EngineServerFixture>, IClassFixture<HeadlessChromium>
{
    private EngineServer Server => fixture.Server;

    [Fact]
    public async Task A_signal_that_turns_an_entity_red_shows_on_the_map_tiles_and_top_list_within_2_seconds()
    {
        var supervisor = await PeopleAccounts.AddAsync(Server, "supervisor");
        var page = await chromium.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await BrowserLogin.LogInAsync(page, Server, supervisor, "/");
        await Assertions.Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-testid=district-table] tr[data-district]")).ToHaveCountAsync(13);
        await Assertions.Expect(page.GetByTestId("district-map").Locator("canvas").First).ToBeVisibleAsync();
        var redBefore = await NumberAsync(page.GetByTestId("kpi-red"));
        var districtRedBefore = await DistrictRedAsync(page, TestSubjects.Dongxihu);
        var entity = TestSubjects.Uscc();

        var posted = DateTime.UtcNow;
        using (var machine = new EngineApi(Server.CreateClient()))
        {
            await machine.IngestAsync(SignalJson.ForNewSource().RedHistory(entity));
        }

        var inTime = new LocatorAssertionsToBeVisibleOptions { Timeout = 2_000 };
        await Assertions.Expect(page.Locator($"[data-testid=top-list] [data-subject-id='{entity}'][data-level=red]")).ToBeVisibleAsync(inTime);
        var shown = DateTime.UtcNow - posted;
        await Assertions.Expect(page.GetByTestId("kpi-red")).ToHaveTextAsync((redBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 2_000 });
        await Assertions.Expect(page.Locator($"[data-testid=district-table] tr[data-district='{TestSubjects.Dongxihu}']"))
            .ToHaveAttributeAsync("data-red", (districtRedBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 2_000 });
        output.WriteLine($"post -> red entity in the wall's top list: {shown.TotalMilliseconds:F0} ms");

        var screenshot = Path.Combine(HeadlessChromium.ArtifactDirectory, "wall-1920x1080.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        output.WriteLine($"screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is empty");
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_stays_on_the_login_page_with_the_servers_message()
    {
        var viewer = await PeopleAccounts.AddAsync(Server, "viewer");
        var page = await chromium.NewPageAsync(1366, 768);

        await page.GotoAsync(new Uri(Server.BaseAddress, "/login.html").ToString());
        await page.FillAsync("#userName", viewer);
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
        Assert.EndsWith("/login.html", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Without_a_login_the_wall_sends_you_to_the_login_page()
    {
        var page = await chromium.NewPageAsync();

        await page.GotoAsync(Server.BaseAddress.ToString());

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.EndsWith("/login.html", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    private static async Task<long> NumberAsync(ILocator locator) =>
        long.Parse((await locator.InnerTextAsync()).Trim().Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<long> DistrictRedAsync(IPage page, string district) =>
        long.Parse(await page.Locator($"[data-testid=district-table] tr[data-district='{district}']").GetAttributeAsync("data-red") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
}
