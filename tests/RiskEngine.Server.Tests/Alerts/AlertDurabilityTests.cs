using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using RiskEngine.Server.Hosting;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.People;

namespace RiskEngine.Server.Tests.Alerts;

/// <summary>Escalation on an injected clock, and alerts, audit and tokens surviving a restart.</summary>
public sealed class AlertDurabilityTests
{
    private static readonly KeyValuePair<string, string?>[] FastChecks = [new("Alerts:CheckPeriod", "00:00:01")];

    [Fact]
    public async Task An_unacknowledged_red_alert_escalates_when_the_clock_passes_the_SLA_and_again_after()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await EngineServer.StartAsync(FastChecks, services: services =>
        {
            services.AddEngineClock(clock);
        });
        var (_, _, client) = await PeopleAccounts.SignInAsync(server, "officer", TestSubjects.Dongxihu);
        var alerts = new AlertApi(client);
        var alert = await AlertLifecycleTests.OpenRedAlertAsync(server, alerts);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, (await alerts.GetAsync(alert.Id)).Escalations);

        clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        await Eventually.ReadAsync(() => alerts.GetAsync(alert.Id), a => a.Escalations == 1, "the alert escalated once");
        clock.Advance(TimeSpan.FromMinutes(10));
        await Eventually.ReadAsync(() => alerts.GetAsync(alert.Id), a => a.Escalations == 2, "the alert escalated twice");

        await AlertApi.ExpectOkAsync(await alerts.AcknowledgeAsync(alert.Id, "got it"));
        clock.Advance(TimeSpan.FromMinutes(30));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(2, (await alerts.GetAsync(alert.Id)).Escalations);
        var audit = await alerts.AuditAsync(alert.Id);
        Assert.Equal(2, audit.Items.Count(e => e.Action.StartsWith("escalated", StringComparison.Ordinal) && e.Actor == "system"));
        client.Dispose();
    }

    [Fact]
    public async Task Alerts_their_audit_and_tokens_survive_a_restart()
    {
        using var data = new TemporaryDirectory();
        string token, officer;
        AlertAnswer alert;
        IReadOnlyList<AuditEntry> before;
        await using (var first = await EngineServer.StartAsync(dataDirectory: data.Path))
        {
            (officer, token, var client) = await PeopleAccounts.SignInAsync(first, "officer", TestSubjects.Dongxihu);
            var alerts = new AlertApi(client);
            alert = await AlertLifecycleTests.OpenRedAlertAsync(first, alerts);
            await AlertApi.ExpectOkAsync(await alerts.AcknowledgeAsync(alert.Id, "before the restart"));
            before = (await alerts.AuditAsync(alert.Id)).Items;
            client.Dispose();
        }

        await using var second = await EngineServer.StartAsync(dataDirectory: data.Path);
        using var again = PeopleAccounts.ClientWith(second, token);
        var api = new AlertApi(again);

        var restored = await api.GetAsync(alert.Id);
        Assert.Equal(("acknowledged", officer, "before the restart"), (restored.State, restored.AcknowledgedBy, restored.LastNote));
        Assert.Equal(before, (await api.AuditAsync(alert.Id)).Items);
        var conflict = await ContractJson.ReadAsync<AcknowledgeConflict>(await api.AcknowledgeAsync(alert.Id, "after"));
        Assert.Equal((409, officer), (conflict.Status, conflict.AcknowledgedBy));
        Assert.Contains((await api.ListAsync("?state=acknowledged")).Items, a => a.Id == alert.Id);
    }
}
