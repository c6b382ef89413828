using Microsoft.Playwright;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.People;
using Xunit.Abstractions;

namespace RiskEngine.Server.Tests.Browser;

/// <summary>The duty console in a real headless Chromium: a new red alert appears live, is acknowledged, and the wall's ticker follows.</summary>
public sealed class ConsolePageTests(EngineServerFixture fixture, HeadlessChromium chromium, ITestOutputHelper output)
    : IClassFixture<EngineServerFixture>, IClassFixture<HeadlessChromium>
{
    private EngineServer Server => fixture.Server;

    [Fact]
    public async Task A_new_red_alert_in_my_jurisdiction_is_announced_and_counted_in_the_title_while_I_look_elsewhere()
    {
        var officer = await PeopleAccounts.AddAsync(Server, "officer", TestSubjects.Dongxihu);
        var console = await chromium.NewPageAsync(1600, 900);
        await BrowserLogin.LogInAsync(console, Server, officer, "/console.html");
        await Assertions.Expect(console.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 20_000 });
        var title = await console.TitleAsync();

        // The officer turns to another tab. Playwright emulates focus for every page (each one believes it is looked at),
        // so the page is told what a browser tells a tab in the background: hidden, without focus.
        await console.EvaluateAsync("""
            () => {
              Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
              document.hasFocus = () => false;
              document.dispatchEvent(new Event('visibilitychange'));
            }
            """);
        var entity = TestSubjects.Uscc();
        using (var machine = new EngineApi(Server.CreateClient()))
        {
            await machine.IngestAsync(SignalJson.ForNewSource().RedHistory(entity));
        }

        await Assertions.Expect(console.Locator("body")).ToHaveAttributeAsync("data-announced-red", new System.Text.RegularExpressions.Regex("^[1-9]"), new() { Timeout = 20_000 });
        await Assertions.Expect(console).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\(\d+\) 新红色预警 · "));
        Assert.NotEqual(title, await console.TitleAsync());

        // Looking at the console again clears the count.
        await console.EvaluateAsync("""
            () => {
              Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
              document.hasFocus = () => true;
              document.dispatchEvent(new Event('visibilitychange'));
            }
            """);
        await Assertions.Expect(console).ToHaveTitleAsync(title);
        await console.Context.CloseAsync();
    }

    [Fact]
    public async Task An_officer_sees_a_new_red_alert_live_acknowledges_it_and_the_wall_ticker_shows_it_acknowledged()
    {
        var officer = await PeopleAccounts.AddAsync(Server, "officer", TestSubjects.Dongxihu);
        var supervisor = await PeopleAccounts.AddAsync(Server, "supervisor");
        var console = await chromium.NewPageAsync(1600, 900);
        var wall = await chromium.NewPageAsync();
        await BrowserLogin.LogInAsync(console, Server, officer, "/console.html");
        await BrowserLogin.LogInAsync(wall, Server, supervisor, "/");
        await Assertions.Expect(wall.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 20_000 });
        await Assertions.Expect(console.GetByTestId("alert-list")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Task.Delay(500);
        var entity = TestSubjects.Uscc();

        using (var machine = new EngineApi(Server.CreateClient()))
        {
            await machine.IngestAsync(SignalJson.ForNewSource().RedHistory(entity));
        }

        var alertId = "high-risk." + entity;
        var row = console.Locator($"[data-testid=alert-list] tr[data-alert-id='{alertId}']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "open", new() { Timeout = 5_000 });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-level", "red");
        await row.Locator("[data-field=note]").First.FillAsync("inspector sent");
        await row.Locator("[data-action=ack]").First.ClickAsync();

        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "acknowledged", new() { Timeout = 5_000 });
        await Assertions.Expect(wall.Locator($"[data-testid=alert-ticker] [data-alert-id='{alertId}']").First)
            .ToHaveAttributeAsync("data-state", "acknowledged", new() { Timeout = 5_000 });
        var audit = await new Alerts.AlertApi(PeopleAccounts.ClientWith(Server, (await PeopleAccounts.LoginAsync(Server, officer)).AccessToken)).AuditAsync(alertId);
        Assert.Contains(audit.Items, e => e.Actor == officer && e.Action == "acknowledged" && e.Note == "inspector sent");
        await console.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(HeadlessChromium.ArtifactDirectory, "console.png") });
        output.WriteLine($"acknowledged {alertId} in the console; the wall's ticker shows it acknowledged");
        await console.Context.CloseAsync();
        await wall.Context.CloseAsync();
    }
}
