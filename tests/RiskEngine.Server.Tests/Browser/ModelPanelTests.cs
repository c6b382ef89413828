using Microsoft.Playwright;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.Model;
using RiskEngine.Server.Tests.People;

namespace RiskEngine.Server.Tests.Browser;

/// <summary>The wall's model line, in a real headless Chromium: supervisors see the version and its rolling AUC, viewers do not.</summary>
public sealed class ModelPanelTests(LearningEngineServerFixture fixture, HeadlessChromium chromium)
    : IClassFixture<LearningEngineServerFixture>, IClassFixture<HeadlessChromium>
{
    [Fact]
    public async Task A_supervisor_sees_the_fitted_version_and_its_rolling_AUC_and_a_viewer_does_not()
    {
        using var api = new EngineApi(fixture.Server.CreateClient());
        await OutcomeBurst.IngestAsync(api, SignalJson.ForNewSource());
        await Eventually.ReadAsync(() => api.GetAsync<VersionAnswer>("/api/v1/model"), m => m.Version >= 1, "the engine refits after the burst", TimeSpan.FromSeconds(60));
        var supervisor = await PeopleAccounts.AddAsync(fixture.Server, "supervisor");
        var viewer = await PeopleAccounts.AddAsync(fixture.Server, "viewer");

        var wall = await chromium.NewPageAsync();
        var errors = new List<string>();
        wall.PageError += (_, error) => errors.Add(error);
        await BrowserLogin.LogInAsync(wall, fixture.Server, supervisor, "/");
        var line = wall.GetByTestId("model-quality");
        await Assertions.Expect(line).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(line).ToContainTextAsync("AUC", new() { Timeout = 20_000 });
        await Assertions.Expect(line).ToContainTextAsync("catering");
        Assert.True(int.Parse(await line.GetAttributeAsync("data-version") ?? "0", System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await wall.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "wall-model-line.png") });
        Assert.Empty(errors);
        await wall.Context.CloseAsync();

        var viewerWall = await chromium.NewPageAsync();
        await BrowserLogin.LogInAsync(viewerWall, fixture.Server, viewer, "/");
        await Assertions.Expect(viewerWall.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 20_000 });
        await Assertions.Expect(viewerWall.GetByTestId("model-quality")).ToBeHiddenAsync();
        await viewerWall.Context.CloseAsync();
    }

    private sealed record VersionAnswer(int Version);
}
