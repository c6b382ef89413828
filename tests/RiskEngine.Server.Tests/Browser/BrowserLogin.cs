using Microsoft.Playwright;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.People;

namespace RiskEngine.Server.Tests.Browser;

/// <summary>Logs a person in through the real login page, landing on <c>next</c>.</summary>
public static class BrowserLogin
{
    public static async Task LogInAsync(IPage page, EngineServer server, string userName, string next)
    {
        await page.GotoAsync(new Uri(server.BaseAddress, "/login.html?next=" + Uri.EscapeDataString(next)).ToString());
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", PeopleAccounts.Password);
        await page.ClickAsync("button[type=submit]");
        var landing = next == "/" ? ["/", "/index.html"] : new[] { next };
        await page.WaitForURLAsync(url => landing.Contains(new Uri(url).AbsolutePath));
    }
}
