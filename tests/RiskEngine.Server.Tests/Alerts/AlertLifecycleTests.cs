using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.People;

namespace RiskEngine.Server.Tests.Alerts;

/// <summary>Alerts through real HTTP: opened by signals, one acknowledgement wins, jurisdiction and roles hold, all audited.</summary>
public sealed class AlertLifecycleTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    private EngineServer Server => fixture.Server;

    [Fact]
    public async Task Of_20_concurrent_acknowledgements_exactly_one_wins_and_the_others_are_told_who()
    {
        var (officer, _, client) = await PeopleAccounts.SignInAsync(Server, "officer", TestSubjects.Dongxihu);
        var alerts = new AlertApi(client);
        var alert = await OpenRedAlertAsync(alerts);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => alerts.AcknowledgeAsync(alert.Id, $"on my way ({i})")));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(19, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        foreach (var conflict in answers.Where(a => a.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
            var problem = await ContractJson.ReadAsync<AcknowledgeConflict>(conflict);
            Assert.Equal(officer, problem.AcknowledgedBy);
            Assert.Contains(officer, problem.Detail, StringComparison.Ordinal);
        }

        var acknowledged = await alerts.GetAsync(alert.Id);
        Assert.Equal(("acknowledged", officer), (acknowledged.State, acknowledged.AcknowledgedBy));
        client.Dispose();
    }

    [Fact]
    public async Task An_unknown_alert_id_answers_404_to_every_read_and_command_without_bringing_a_grain_to_life()
    {
        var (_, _, client) = await PeopleAccounts.SignInAsync(Server, "officer", TestSubjects.Dongxihu);
        var unknown = Enumerable.Range(0, 5).Select(i => $"guess.{Guid.NewGuid():n}.{i}").ToArray();
        var alerts = new AlertApi(client);
        foreach (var id in unknown)
        {
            await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/alerts/{id}"), HttpStatusCode.NotFound);
            await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/alerts/{id}/audit"), HttpStatusCode.NotFound);
            await ProblemAssert.IsProblemAsync(await alerts.AcknowledgeAsync(id, "guessing"), HttpStatusCode.NotFound);
        }

        var management = Server.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var active = await management.GetDetailedGrainStatistics();
        Assert.DoesNotContain(active, grain => unknown.Contains(grain.GrainId.Key.ToString(), StringComparer.Ordinal));
        client.Dispose();
    }

    [Fact]
    public async Task An_officer_of_another_district_and_a_viewer_cannot_acknowledge()
    {
        var (_, _, own) = await PeopleAccounts.SignInAsync(Server, "officer", TestSubjects.Dongxihu);
        var (_, _, other) = await PeopleAccounts.SignInAsync(Server, "officer", TestSubjects.Jiangan);
        var (_, _, viewer) = await PeopleAccounts.SignInAsync(Server, "viewer", TestSubjects.Dongxihu);
        var alert = await OpenRedAlertAsync(new AlertApi(own));

        // Outside one's jurisdiction an alert is as unknown as one that does not exist; a role that may not act is 403.
        await ProblemAssert.IsProblemAsync(await new AlertApi(other).AcknowledgeAsync(alert.Id, "not mine"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await new AlertApi(viewer).AcknowledgeAsync(alert.Id, "just looking"), HttpStatusCode.Forbidden);
        var read = await ProblemAssert.IsProblemAsync(await other.GetAsync($"/api/v1/alerts/{alert.Id}"), HttpStatusCode.NotFound);
        var unknown = await ProblemAssert.IsProblemAsync(await other.GetAsync("/api/v1/alerts/no-such.alert"), HttpStatusCode.NotFound);
        Assert.Equal(unknown.Detail!.Replace("no-such.alert", alert.Id, StringComparison.Ordinal), read.Detail);
        await ProblemAssert.IsProblemAsync(await other.GetAsync($"/api/v1/alerts/{alert.Id}/audit"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await other.GetAsync($"/api/v1/alerts?district={TestSubjects.Dongxihu}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await new AlertApi(other).ListAsync()).Items, a => a.Id == alert.Id);
        Assert.Contains((await new AlertApi(viewer).ListAsync()).Items, a => a.Id == alert.Id);
        Assert.Equal("open", (await new AlertApi(own).GetAsync(alert.Id)).State);
        own.Dispose();
        other.Dispose();
        viewer.Dispose();
    }

    [Fact]
    public async Task The_audit_trail_lists_every_change_in_order()
    {
        var (officer, _, client) = await PeopleAccounts.SignInAsync(Server, "officer", TestSubjects.Dongxihu);
        var (supervisor, _, boss) = await PeopleAccounts.SignInAsync(Server, "supervisor");
        var alerts = new AlertApi(client);
        var alert = await OpenRedAlertAsync(alerts);

        await AlertApi.ExpectOkAsync(await alerts.AssignAsync(alert.Id, officer, "yours"));
        await AlertApi.ExpectOkAsync(await alerts.AcknowledgeAsync(alert.Id, "inspector sent"));
        await AlertApi.ExpectOkAsync(await new AlertApi(boss).ResolveAsync(alert.Id, "shop closed, samples destroyed"));
        await ProblemAssert.IsProblemAsync(await alerts.ResolveAsync(alert.Id, "again"), HttpStatusCode.Conflict);

        var audit = await alerts.AuditAsync(alert.Id);
        var actions = audit.Items.Select(e => (e.Actor, e.Action, e.ToState, e.Note)).ToList();
        Assert.Equal(("system", "opened", "open", (string?)null), actions[0]);
        Assert.Equal(
            [(officer, "assigned to " + officer, "open", "yours"), (officer, "acknowledged", "acknowledged", "inspector sent"),
             (supervisor, "resolved", "resolved", "shop closed, samples destroyed")],
            actions.Where(a => a.Actor != "system").ToList());
        Assert.True(audit.Items.Zip(audit.Items.Skip(1)).All(p => p.First.At <= p.Second.At), "audit entries out of time order");
        client.Dispose();
        boss.Dispose();
    }

    [Fact]
    public async Task A_bulk_acknowledgement_answers_for_each_alert()
    {
        var (officer, _, client) = await PeopleAccounts.SignInAsync(Server, "officer", TestSubjects.Dongxihu);
        var alerts = new AlertApi(client);
        var first = await OpenRedAlertAsync(alerts);
        var second = await OpenRedAlertAsync(alerts);
        await AlertApi.ExpectOkAsync(await alerts.AcknowledgeAsync(second.Id));

        using var response = await client.PostAsync("/api/v1/alerts/ack", System.Net.Http.Json.JsonContent.Create(new { ids = new[] { first.Id, second.Id, "high-risk.nothing" }, note = "bulk" }));
        await AlertApi.ExpectOkAsync(response);
        var answer = await ContractJson.ReadAsync<BulkAnswer>(response);

        Assert.Equal([200, 409, 404], answer.Results.Select(r => r.Status));
        Assert.Equal(officer, answer.Results[0].Alert!.AcknowledgedBy);
        client.Dispose();
    }

    [Fact]
    public async Task Machines_can_read_alerts_but_not_act_on_them()
    {
        var (_, _, client) = await PeopleAccounts.SignInAsync(Server, "officer", TestSubjects.Dongxihu);
        var alert = await OpenRedAlertAsync(new AlertApi(client));
        using var machine = Server.CreateClient();

        Assert.Contains((await new AlertApi(machine).ListAsync("?district=" + TestSubjects.Dongxihu)).Items, a => a.Id == alert.Id);
        await ProblemAssert.IsProblemAsync(await new AlertApi(machine).AcknowledgeAsync(alert.Id), HttpStatusCode.Forbidden);
        client.Dispose();
    }

    /// <summary>Turns a fresh entity of <paramref name="district"/> (420112 unless said) red and waits for its high-risk alert.</summary>
    internal static async Task<AlertAnswer> OpenRedAlertAsync(EngineServer server, AlertApi alerts, string district = TestSubjects.Dongxihu)
    {
        var entity = TestSubjects.Uscc(district);
        using (var machine = new EngineApi(server.CreateClient()))
        {
            await machine.IngestAsync(SignalJson.ForNewSource().RedHistory(entity));
        }

        var alert = await alerts.WaitForAsync("high-risk", entity);
        Assert.Equal(("red", district, "open"), (alert.Level, alert.District, alert.State));
        return alert;
    }

    private Task<AlertAnswer> OpenRedAlertAsync(AlertApi alerts) => OpenRedAlertAsync(Server, alerts);
}
