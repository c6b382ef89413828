using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.People;

namespace RiskEngine.Server.Tests.SpotChecks;

/// <summary>
/// 双随机 plans through real HTTP on a real server: drawn by the ratios over the registry, one per district and month,
/// roles and jurisdiction on every endpoint, conflicts never drawn, tasks closed by inspection signals, the public page.
/// Each test draws in a district of its own, so the populations do not mix.
/// </summary>
public sealed class InspectionPlanTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    private const string PlansPath = "/api/v1/inspection-plans";

    private EngineServer Server => fixture.Server;

    private static string ThisMonth => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_supervisors_plan_draws_each_class_by_its_ratio_and_posting_again_answers_the_same_plan()
    {
        const string district = "420113";
        var registry = await RegisterAsync(district, ("A", 200), ("B", 60), ("C", 20), ("D", 5));
        var (supervisor, _, client) = await PeopleAccounts.SignInAsync(Server, "supervisor", district);

        using var created = await client.PostAsJsonAsync(PlansPath, new { district, month = ThisMonth, seed = "hannan-1" });
        await EngineApi.ExpectStatusAsync(created, HttpStatusCode.Created);
        var plan = await ContractJson.ReadAsync<PlanAnswer>(created);

        // Shipped ratios A 3%, B 10%, C 30%, D 70%, rounded half up: 6, 6, 6, 4 (3.5 -> 4).
        Assert.Equal((district, ThisMonth, "hannan-1", supervisor), (plan.District, plan.Month, plan.Seed, plan.CreatedBy));
        Assert.Equal(new Dictionary<string, double> { ["A"] = 0.03, ["B"] = 0.1, ["C"] = 0.3, ["D"] = 0.7 }, plan.Ratios);
        Assert.Equal(new ClassCountAnswer(200, 6), plan.Counts["A"]);
        Assert.Equal(new ClassCountAnswer(60, 6), plan.Counts["B"]);
        Assert.Equal(new ClassCountAnswer(20, 6), plan.Counts["C"]);
        Assert.Equal(new ClassCountAnswer(5, 4), plan.Counts["D"]);
        foreach (var (creditClass, count) in plan.Counts)
        {
            Assert.Equal(count.Drawn, plan.Drawn.Count(d => d.CreditClass == creditClass));
        }

        Assert.All(plan.Drawn, d =>
        {
            Assert.Equal(registry[d.SubjectId], d.CreditClass);
            Assert.Equal(2, d.Inspectors.Select(i => i.Id).Distinct().Count());
            Assert.All(d.Inspectors, i => Assert.False(string.IsNullOrEmpty(i.Name)));
            Assert.Equal("open", d.State);
        });
        Assert.Equal(new PlanProgressAnswer(0, 22, 0), plan.Progress);

        using var again = await client.PostAsJsonAsync(PlansPath, new { district, month = ThisMonth, seed = "another-seed" });
        await EngineApi.ExpectStatusAsync(again, HttpStatusCode.OK);
        var existing = await ContractJson.ReadAsync<PlanAnswer>(again);
        Assert.Equal((plan.Id, "hannan-1"), (existing.Id, existing.Seed));
        Assert.Equal(plan.Drawn.Select(d => d.SubjectId), existing.Drawn.Select(d => d.SubjectId));

        var read = await new EngineApi(client).GetAsync<PlanAnswer>($"{PlansPath}/{plan.Id}");
        Assert.Equal(plan.Drawn.Select(d => d.SubjectId), read.Drawn.Select(d => d.SubjectId));
        var listed = await new EngineApi(client).GetAsync<PlanListAnswer>($"{PlansPath}?district={district}&month={ThisMonth}");
        Assert.Equal(plan.Id, Assert.Single(listed.Items).Id);
        client.Dispose();
    }

    [Fact]
    public async Task Roles_and_jurisdiction_hold_on_every_plan_and_roster_endpoint()
    {
        const string district = "420114";
        await RegisterAsync(district, ("B", 30));
        var (_, _, own) = await PeopleAccounts.SignInAsync(Server, "supervisor", district);
        var (_, _, other) = await PeopleAccounts.SignInAsync(Server, "supervisor", TestSubjects.Jiangan);
        var (_, _, viewer) = await PeopleAccounts.SignInAsync(Server, "viewer", district);
        var (_, _, officer) = await PeopleAccounts.SignInAsync(Server, "officer", district);
        using var machine = Server.CreateClient();
        using var anonymous = Server.CreateClient(apiKey: null);
        var body = new { district, month = ThisMonth };

        await ProblemAssert.IsProblemAsync(await viewer.PostAsJsonAsync(PlansPath, body), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await officer.PostAsJsonAsync(PlansPath, body), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await machine.PostAsJsonAsync(PlansPath, body), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await other.PostAsJsonAsync(PlansPath, body), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(PlansPath, body)).StatusCode);
        await ProblemAssert.IsProblemAsync(await own.PostAsJsonAsync(PlansPath, new { district, month = "2026-13" }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await own.PostAsJsonAsync(PlansPath, new { district = "999999", month = ThisMonth }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await own.PostAsJsonAsync(PlansPath, new { district, month = ThisMonth, seed = new string('s', 101) }), HttpStatusCode.BadRequest);

        using var created = await own.PostAsJsonAsync(PlansPath, body);
        await EngineApi.ExpectStatusAsync(created, HttpStatusCode.Created);
        var plan = await ContractJson.ReadAsync<PlanAnswer>(created);
        Assert.False(string.IsNullOrEmpty(plan.Seed));

        // Readers within the district see it; another district's supervisor is told nothing exists.
        Assert.Equal(plan.Id, (await new EngineApi(viewer).GetAsync<PlanAnswer>($"{PlansPath}/{plan.Id}")).Id);
        Assert.Equal(plan.Id, (await new EngineApi(machine).GetAsync<PlanAnswer>($"{PlansPath}/{plan.Id}")).Id);
        await ProblemAssert.IsProblemAsync(await other.GetAsync($"{PlansPath}/{plan.Id}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await other.GetAsync($"{PlansPath}?district={district}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await new EngineApi(other).GetAsync<PlanListAnswer>(PlansPath)).Items, p => p.Id == plan.Id);
        await ProblemAssert.IsProblemAsync(await other.GetAsync($"/api/v1/inspection-tasks?district={district}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await new EngineApi(other).GetAsync<TaskListAnswer>("/api/v1/inspection-tasks")).Items, t => t.PlanId == plan.Id);
        Assert.Contains((await new EngineApi(officer).GetAsync<TaskListAnswer>("/api/v1/inspection-tasks")).Items, t => t.PlanId == plan.Id);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{PlansPath}/{plan.Id}")).StatusCode);

        // The roster: read within jurisdiction, maintained by the district's supervisors only.
        var officerEntry = new { name = "测试员", district, organisation = "蔡甸区第一监管所", recusals = Array.Empty<string>() };
        Assert.NotEmpty((await new EngineApi(viewer).GetAsync<InspectorListAnswer>($"/api/v1/inspectors?district={district}")).Items);
        var outside = await ProblemAssert.IsProblemAsync(await other.GetAsync($"/api/v1/inspectors?district={district}"), HttpStatusCode.NotFound);
        Assert.Equal("Unknown district", outside.Title);
        await ProblemAssert.IsProblemAsync(await officer.PutAsJsonAsync("/api/v1/inspectors/t-420114-1", officerEntry), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await other.PutAsJsonAsync("/api/v1/inspectors/t-420114-1", officerEntry), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await own.PutAsJsonAsync("/api/v1/inspectors/t-420114-1", officerEntry with { recusals = new[] { "not-a-uscc" } }), HttpStatusCode.BadRequest);
        await EngineApi.ExpectStatusAsync(await own.PutAsJsonAsync("/api/v1/inspectors/t-420114-1", officerEntry), HttpStatusCode.OK);
        await ProblemAssert.IsProblemAsync(await other.DeleteAsync("/api/v1/inspectors/t-420114-1"), HttpStatusCode.NotFound);
        await EngineApi.ExpectStatusAsync(await own.DeleteAsync("/api/v1/inspectors/t-420114-1"), HttpStatusCode.NoContent);
        Assert.DoesNotContain((await new EngineApi(own).GetAsync<InspectorListAnswer>($"/api/v1/inspectors?district={district}")).Items, i => i.Id == "t-420114-1");
        own.Dispose();
        other.Dispose();
        viewer.Dispose();
        officer.Dispose();
    }

    [Fact]
    public async Task An_officer_with_a_declared_recusal_or_an_affiliation_is_never_drawn_for_that_subject()
    {
        const string district = "420115";
        var registry = await RegisterAsync(district, ("D", 10));
        var (_, _, supervisor) = await PeopleAccounts.SignInAsync(Server, "supervisor", district);
        var roster = (await new EngineApi(supervisor).GetAsync<InspectorListAnswer>($"/api/v1/inspectors?district={district}")).Items;
        Assert.True(roster.Count >= 4, "the demo roster gives each district several officers");

        // All but two officers are conflicted with every subject: half by a recusal, half by an affiliation (a branch of the
        // same organisation: same organisation code, another first character pair).
        var conflicted = roster.Skip(2).ToArray();
        for (var i = 0; i < conflicted.Length; i++)
        {
            var entry = i % 2 == 0
                ? new { name = conflicted[i].Name, district, organisation = conflicted[i].Organisation, recusals = registry.Keys.ToArray(), affiliations = Array.Empty<string>() }
                : new { name = conflicted[i].Name, district, organisation = conflicted[i].Organisation, recusals = Array.Empty<string>(), affiliations = registry.Keys.Select(BranchOf).ToArray() };
            await EngineApi.ExpectStatusAsync(await supervisor.PutAsJsonAsync($"/api/v1/inspectors/{conflicted[i].Id}", entry), HttpStatusCode.OK);
        }

        using var created = await supervisor.PostAsJsonAsync(PlansPath, new { district, month = ThisMonth, seed = "jiangxia" });
        await EngineApi.ExpectStatusAsync(created, HttpStatusCode.Created);
        var plan = await ContractJson.ReadAsync<PlanAnswer>(created);

        Assert.Equal(7, plan.Drawn.Count);
        var free = roster.Take(2).Select(i => i.Id).Order().ToArray();
        Assert.All(plan.Drawn, d => Assert.Equal(free, d.Inspectors.Select(i => i.Id).Order().ToArray()));
        supervisor.Dispose();
    }

    [Fact]
    public async Task An_inspection_signal_naming_the_plan_closes_its_task_and_the_progress_counts_it()
    {
        const string district = "420116";
        await RegisterAsync(district, ("C", 10));
        var (_, _, supervisor) = await PeopleAccounts.SignInAsync(Server, "supervisor", district);
        var (_, _, officer) = await PeopleAccounts.SignInAsync(Server, "officer", district);
        using var created = await supervisor.PostAsJsonAsync(PlansPath, new { district, month = ThisMonth });
        var plan = await ContractJson.ReadAsync<PlanAnswer>(created);
        Assert.Equal(3, plan.Drawn.Count);
        var (first, second) = (plan.Drawn[0].SubjectId, plan.Drawn[1].SubjectId);

        var signals = SignalJson.ForNewSource();
        using var machine = new EngineApi(Server.CreateClient());
        await machine.IngestAsync(
        [
            signals.Signal("inspection", first, new JsonObject
            {
                ["result"] = "issues", ["planId"] = plan.Id,
                ["findings"] = new JsonArray(new JsonObject { ["severity"] = "minor" }, new JsonObject { ["severity"] = "major" }),
            }),
            // Without a plan id, or naming another plan, an inspection closes nothing.
            signals.Signal("inspection", second, new JsonObject { ["result"] = "pass" }),
            signals.Signal("inspection", second, new JsonObject { ["result"] = "pass", ["planId"] = "420116-1999-01" }),
        ]);

        var progressed = await Eventually.ReadAsync(() => new EngineApi(supervisor).GetAsync<PlanAnswer>($"{PlansPath}/{plan.Id}"),
            p => p.Progress.Done == 1, "the inspected task is done");
        Assert.Equal(new PlanProgressAnswer(1, 3, 2), progressed.Progress);
        var done = progressed.Drawn.Single(d => d.SubjectId == first);
        Assert.Equal(("done", "issues", 2), (done.State, done.Result, done.Findings));
        Assert.Equal("open", progressed.Drawn.Single(d => d.SubjectId == second).State);

        var open = (await new EngineApi(officer).GetAsync<TaskListAnswer>($"/api/v1/inspection-tasks?district={district}")).Items;
        Assert.DoesNotContain(open, t => t.SubjectId == first);
        Assert.Contains(open, t => t.SubjectId == second && t.PlanId == plan.Id && t.Inspectors.Count == 2);
        Assert.Equal(new PlanProgressAnswer(1, 3, 2),
            Assert.Single((await new EngineApi(officer).GetAsync<PlanListAnswer>($"{PlansPath}?district={district}")).Items).Progress);
        supervisor.Dispose();
        officer.Dispose();
    }

    [Fact]
    public async Task The_public_page_needs_no_login_and_names_drawn_entities_only_once_the_month_is_over()
    {
        const string district = "420117";
        await RegisterAsync(district, ("D", 6));
        var (_, _, supervisor) = await PeopleAccounts.SignInAsync(Server, "supervisor", district);
        var current = await ContractJson.ReadAsync<PlanAnswer>(await supervisor.PostAsJsonAsync(PlansPath, new { district, month = ThisMonth, seed = "xinzhou-now" }));
        var past = await ContractJson.ReadAsync<PlanAnswer>(await supervisor.PostAsJsonAsync(PlansPath, new { district, month = "2025-01", seed = "xinzhou-past" }));
        using var anonymous = Server.CreateClient(apiKey: null);

        var now = await anonymous.GetStringAsync($"/public/plans/{current.Id}");
        Assert.Contains("xinzhou-now", now, StringComparison.Ordinal);
        Assert.Contains(current.Algorithm.Split(':')[0], now, StringComparison.Ordinal);
        Assert.Contains("<td>D</td><td>70%</td><td>6</td><td>4</td>", now, StringComparison.Ordinal);
        Assert.All(current.Drawn, d => Assert.DoesNotContain(d.SubjectId, now, StringComparison.Ordinal));
        Assert.All(current.Drawn.SelectMany(d => d.Inspectors), i => Assert.DoesNotContain(i.Name!, now, StringComparison.Ordinal));

        var over = await anonymous.GetStringAsync($"/public/plans/{past.Id}");
        Assert.All(past.Drawn, d => Assert.Contains(d.SubjectId, over, StringComparison.Ordinal));
        Assert.All(past.Drawn.SelectMany(d => d.Inspectors), i => Assert.DoesNotContain(i.Name!, over, StringComparison.Ordinal));
        Assert.DoesNotContain(past.Drawn[0].SampleKey.ToString(CultureInfo.InvariantCulture), over, StringComparison.Ordinal);

        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync("/public/plans/420117-1990-01"), HttpStatusCode.NotFound);
        supervisor.Dispose();
    }

    /// <summary>Registers entities of the given credit classes in <paramref name="district"/>; returns their classes by USCC.</summary>
    private async Task<Dictionary<string, string>> RegisterAsync(string district, params (string CreditClass, int Count)[] classes)
    {
        var registry = new Dictionary<string, string>(StringComparer.Ordinal);
        var batch = new JsonArray();
        foreach (var (creditClass, count) in classes)
        {
            for (var i = 0; i < count; i++)
            {
                var uscc = TestSubjects.Uscc(district);
                registry[uscc] = creditClass;
                batch.Add(Registrations.Entity(uscc, $"抽查店{registry.Count}", district, creditClass: creditClass));
            }
        }

        using var api = new EngineApi(Server.CreateClient());
        await api.RegisterAsync(Registrations.EntitiesPath, batch);
        return registry;
    }

    /// <summary>Another valid USCC of the same organisation (a branch: 个体 type, same organisation code).</summary>
    private static string BranchOf(string uscc) => Domain.Uscc.FromBody("92" + uscc[2..17]).Value;
}
