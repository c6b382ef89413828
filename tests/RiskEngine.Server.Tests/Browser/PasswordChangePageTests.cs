using Microsoft.Playwright;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.People;

namespace RiskEngine.Server.Tests.Browser;

/// <summary>The login page in a real headless Chromium asks for a new password when the server says one is required.</summary>
public sealed class PasswordChangePageTests(EngineServerFixture fixture, HeadlessChromium chromium)
    : IClassFixture<EngineServerFixture>, IClassFixture<HeadlessChromium>
{
    private EngineServer Server => fixture.Server;

    [Fact]
    public async Task A_person_who_must_change_their_password_sets_one_on_the_login_page_and_lands_on_the_wall()
    {
        var admin = await PeopleAccounts.AddAsync(Server, "admin", mustChangePassword: true);
        var page = await chromium.NewPageAsync(1366, 768);
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(new Uri(Server.BaseAddress, "/login.html?next=%2F").ToString());
        await page.FillAsync("#userName", admin);
        await page.FillAsync("#password", PeopleAccounts.Password);
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.GetByTestId("password-change")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
        await page.FillAsync("#newPassword", "my-own-admin-password");
        await page.FillAsync("#confirmPassword", "not-the-same-password");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.GetByTestId("login-error")).ToHaveTextAsync("两次输入的新密码不一致");

        await page.FillAsync("#confirmPassword", "my-own-admin-password");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath is "/" or "/index.html");
        await Assertions.Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 20_000 });

        Assert.Equal(admin, (await PeopleAccounts.LoginAsync(Server, admin, "my-own-admin-password")).UserName);
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }
}
