using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.People;

namespace RiskEngine.Server.Tests.Targets;

/// <summary>The targets panel's figures on a server of its own, from signals, registrations and a plan sent over HTTP.</summary>
public sealed class TargetTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    private EngineServer Server => fixture.Server;

    [Fact]
    public async Task Each_figure_is_computed_from_what_the_engine_holds_beside_its_target()
    {
        using var machine = new EngineApi(Server.CreateClient());
        var entities = new JsonArray();
        for (var i = 0; i < 40; i++)
        {
            entities.Add(Registrations.Entity(TestSubjects.Uscc(), $"目标店{i}", TestSubjects.Dongxihu, creditClass: "B"));
        }

        await machine.RegisterAsync(Registrations.EntitiesPath, entities);
        var due = DateTime.UtcNow.AddDays(90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await machine.RegisterAsync(Registrations.EquipmentPath, new JsonArray(
            Registrations.Unit(TestSubjects.ElevatorCode(), "1号梯", district: TestSubjects.Dongxihu, nextInspectionDue: due),
            Registrations.Unit(TestSubjects.ElevatorCode(), "2号梯", district: TestSubjects.Dongxihu, nextInspectionDue: due)));

        var signals = SignalJson.ForNewSource();
        var sampled = TestSubjects.Uscc();
        await machine.IngestAsync(
        [
            signals.Signal("sampling", sampled, new JsonObject { ["result"] = "pass" }),
            signals.Signal("sampling", sampled, new JsonObject { ["result"] = "pass" }),
            signals.Signal("sampling", sampled, new JsonObject { ["result"] = "pass" }),
            signals.Signal("sampling", sampled, new JsonObject { ["result"] = "fail", ["item"] = "lead" }),
        ]);

        var (_, _, supervisor) = await PeopleAccounts.SignInAsync(Server, "supervisor", TestSubjects.Dongxihu);
        var month = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await EngineApi.ExpectStatusAsync(await supervisor.PostAsJsonAsync("/api/v1/inspection-plans", new { district = TestSubjects.Dongxihu, month }), HttpStatusCode.Created);

        var targets = (await machine.GetAsync<TargetListAnswer>("/api/v1/targets")).Items.ToDictionary(t => t.Id);

        Assert.Equal((0.75, 0.985, false, 4L), Figure(targets["food-sampling-pass-rate"]));
        // 40 registered B entities at 10%: 4 drawn.
        Assert.Equal((0.1, 0.05, true, 40L), Figure(targets["spot-check-coverage"]));
        Assert.Equal((1.0, 1.0, true, 2L), Figure(targets["equipment-inspected-on-time"]));
        var alerts = targets["alerts-acknowledged-within-sla"];
        Assert.Equal((null, 0.95, null, 0L), (alerts.Value, alerts.Target, alerts.Met, alerts.Measured));

        // A person of another district sees their district's figures and no city-wide sampling tally.
        var (_, _, other) = await PeopleAccounts.SignInAsync(Server, "viewer", TestSubjects.Jiangan);
        var theirs = (await new EngineApi(other).GetAsync<TargetListAnswer>("/api/v1/targets")).Items.ToDictionary(t => t.Id);
        Assert.Equal(0, theirs["food-sampling-pass-rate"].Measured);
        Assert.Equal(0, theirs["spot-check-coverage"].Measured);
        supervisor.Dispose();
        other.Dispose();
    }

    private static (double? Value, double Target, bool? Met, long Measured) Figure(TargetAnswer t) => (t.Value, t.Target, t.Met, t.Measured);
}
