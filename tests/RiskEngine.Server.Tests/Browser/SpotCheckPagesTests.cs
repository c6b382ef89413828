using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.People;
using Xunit.Abstractions;

namespace RiskEngine.Server.Tests.Browser;

/// <summary>
/// A 双随机 plan on the wall (targets panel and plan progress, at 1920x1080 and 3840x2160), in the officers' console,
/// and on its public page, in a real headless Chromium against a real server.
/// </summary>
public sealed class SpotCheckPagesTests(EngineServerFixture fixture, HeadlessChromium chromium, ITestOutputHelper output)
    : IClassFixture<EngineServerFixture>, IClassFixture<HeadlessChromium>
{
    private EngineServer Server => fixture.Server;

    [Fact]
    public async Task The_plan_shows_on_the_wall_with_the_targets_in_the_console_and_on_its_public_page()
    {
        var plan = await DrawPlanWithOneTaskDoneAsync();
        var supervisor = await PeopleAccounts.AddAsync(Server, "supervisor");
        var officer = await PeopleAccounts.AddAsync(Server, "officer", TestSubjects.Dongxihu);

        foreach (var (width, height) in new[] { (1920, 1080), (3840, 2160) })
        {
            var wall = await chromium.NewPageAsync(width, height);
            var errors = new List<string>();
            wall.PageError += (_, error) => errors.Add(error);
            await BrowserLogin.LogInAsync(wall, Server, supervisor, "/");
            await Assertions.Expect(wall.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 20_000 });

            // Three samples passed and one failed on this server: 75% against 98.5%, short.
            var sampling = wall.Locator("[data-testid=targets] [data-target-id=food-sampling-pass-rate]");
            await Assertions.Expect(sampling.Locator(".target-value")).ToHaveTextAsync("75.0%", new() { Timeout = 20_000 });
            await Assertions.Expect(sampling).ToHaveAttributeAsync("data-met", "false");
            await Assertions.Expect(sampling.Locator(".target-goal")).ToContainTextAsync("98.5%");
            // 3 drawn of 30 registered entities: 10% against 5%, met.
            var coverage = wall.Locator("[data-testid=targets] [data-target-id=spot-check-coverage]");
            await Assertions.Expect(coverage.Locator(".target-value")).ToHaveTextAsync("10.0%");
            await Assertions.Expect(coverage).ToHaveAttributeAsync("data-met", "true");
            await Assertions.Expect(wall.Locator("[data-testid=targets] [data-target-id]")).ToHaveCountAsync(4);
            var progress = wall.GetByTestId("plan-progress");
            await Assertions.Expect(progress).ToHaveAttributeAsync("data-done", "1");
            await Assertions.Expect(progress).ToHaveAttributeAsync("data-total", "3");
            await Assertions.Expect(progress).ToContainTextAsync("1/3");

            // The top list has a tab per kind.
            await wall.GetByTestId("top-tab-equipment").ClickAsync();
            await Assertions.Expect(wall.GetByTestId("top-tab-equipment")).ToHaveAttributeAsync("aria-selected", "true");
            await wall.GetByTestId("top-tab-entity").ClickAsync();
            await Assertions.Expect(wall.GetByTestId("top-list")).ToHaveAttributeAsync("data-tab", "entity");

            await KeepScreenshotAsync(wall, $"wall-targets-{width}x{height}.png");
            Assert.Empty(errors);
            await wall.Context.CloseAsync();
        }

        var console = await chromium.NewPageAsync(1600, 1000);
        await BrowserLogin.LogInAsync(console, Server, officer, "/console.html");
        var rows = console.Locator($"[data-testid=task-list] tr[data-plan-id='{plan.Id}']");
        await Assertions.Expect(rows).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        await Assertions.Expect(console.Locator($"[data-testid=task-list] tr[data-subject-id='{plan.Drawn[0].SubjectId}']")).ToHaveCountAsync(0);
        await Assertions.Expect(rows.First).ToContainTextAsync(plan.Drawn[1].Inspectors[0].Name!);
        await KeepScreenshotAsync(console, "console-tasks.png");
        await console.Context.CloseAsync();

        var visitor = await chromium.NewPageAsync(1280, 900);
        var answer = await visitor.GotoAsync(new Uri(Server.BaseAddress, $"/public/plans/{plan.Id}").ToString());
        Assert.Equal(200, answer!.Status);
        await Assertions.Expect(visitor.Locator("#seed")).ToHaveTextAsync(plan.Seed);
        await Assertions.Expect(visitor.Locator("#list-pending")).ToBeVisibleAsync();
        Assert.DoesNotContain(plan.Drawn[1].SubjectId, await visitor.ContentAsync(), StringComparison.Ordinal);
        await KeepScreenshotAsync(visitor, "public-plan.png");
        await visitor.Context.CloseAsync();
    }

    /// <summary>30 class-B entities in 东西湖 (3 drawn at 10%), four samples, the plan, and the first task inspected.</summary>
    private async Task<PlanAnswer> DrawPlanWithOneTaskDoneAsync()
    {
        using var machine = new EngineApi(Server.CreateClient());
        var entities = new JsonArray();
        for (var i = 0; i < 30; i++)
        {
            entities.Add(Registrations.Entity(TestSubjects.Uscc(), $"东西湖门店{i}", TestSubjects.Dongxihu, creditClass: "B"));
        }

        await machine.RegisterAsync(Registrations.EntitiesPath, entities);
        var signals = SignalJson.ForNewSource();
        var sampled = entities[0]!["uscc"]!.GetValue<string>();
        await machine.IngestAsync(
        [
            signals.Signal("sampling", sampled, new JsonObject { ["result"] = "pass" }),
            signals.Signal("sampling", sampled, new JsonObject { ["result"] = "pass" }),
            signals.Signal("sampling", sampled, new JsonObject { ["result"] = "pass" }),
            signals.Signal("sampling", sampled, new JsonObject { ["result"] = "fail", ["item"] = "lead" }),
        ]);

        var (_, _, drawer) = await PeopleAccounts.SignInAsync(Server, "supervisor", TestSubjects.Dongxihu);
        var month = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        using var created = await drawer.PostAsJsonAsync("/api/v1/inspection-plans", new { district = TestSubjects.Dongxihu, month, seed = "wall-test" });
        await EngineApi.ExpectStatusAsync(created, HttpStatusCode.Created);
        var plan = await ContractJson.ReadAsync<PlanAnswer>(created);
        Assert.Equal(3, plan.Drawn.Count);

        await machine.IngestAsync([signals.Signal("inspection", plan.Drawn[0].SubjectId, new JsonObject { ["result"] = "pass", ["planId"] = plan.Id })]);
        await Eventually.ReadAsync(() => new EngineApi(drawer).GetAsync<PlanAnswer>($"/api/v1/inspection-plans/{plan.Id}"),
            p => p.Progress.Done == 1, "the first task is done");
        drawer.Dispose();
        return plan;
    }

    private async Task KeepScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(HeadlessChromium.ArtifactDirectory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output.WriteLine($"screenshot: {path}");
        Assert.True(new FileInfo(path).Length > 10_000, $"the screenshot {name} is empty");
    }
}
