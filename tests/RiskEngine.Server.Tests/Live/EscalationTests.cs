using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;
using RiskEngine.Server.Hosting;
using RiskEngine.Server.Tests.Alerts;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.People;

namespace RiskEngine.Server.Tests.Live;

/// <summary>Escalations reach only the supervisors whose jurisdiction covers the alert's district, through real SignalR clients.</summary>
public sealed class EscalationTests
{
    [Fact]
    public async Task An_escalation_reaches_the_districts_and_the_city_wide_supervisors_only()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await EngineServer.StartAsync([new("Alerts:CheckPeriod", "00:00:01")], services: services => services.AddEngineClock(clock));
        var own = await ConnectAsync(server, "supervisor", TestSubjects.Dongxihu);
        var other = await ConnectAsync(server, "supervisor", TestSubjects.Jiangan);
        var city = await ConnectAsync(server, "supervisor");
        var officer = await ConnectAsync(server, "officer", TestSubjects.Dongxihu);
        try
        {
            var (_, _, client) = await PeopleAccounts.SignInAsync(server, "officer", TestSubjects.Dongxihu);
            using (client)
            {
                var alert = await AlertLifecycleTests.OpenRedAlertAsync(server, new AlertApi(client));

                clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
                bool IsIt(JsonElement frame) => frame.GetProperty("id").GetString() == alert.Id;
                await own.Watcher.NextAsync("escalation", IsIt, TimeSpan.FromSeconds(20));
                await city.Watcher.NextAsync("escalation", IsIt, TimeSpan.FromSeconds(20));

                // A call answered on a connection comes after everything sent to it before: once these return, an
                // escalation sent to these connections along with the others would have arrived.
                await other.Watcher.WatchAsync("district:" + TestSubjects.Jiangan);
                await officer.Watcher.WatchAsync("district:" + TestSubjects.Dongxihu);
                Assert.Empty(other.Escalations);
                Assert.Empty(officer.Escalations);
            }
        }
        finally
        {
            foreach (var person in new[] { own, other, city, officer })
            {
                await person.Watcher.DisposeAsync();
            }
        }
    }

    private static async Task<(WallWatcher Watcher, ConcurrentQueue<string> Escalations)> ConnectAsync(EngineServer server, string role, params string[] districts)
    {
        var (_, token, client) = await PeopleAccounts.SignInAsync(server, role, districts);
        client.Dispose();
        var watcher = await WallWatcher.ConnectAsync(server, token);
        var escalations = new ConcurrentQueue<string>();
        watcher.Connection.On<JsonElement>("escalation", frame => escalations.Enqueue(frame.GetProperty("id").GetString()!));
        return (watcher, escalations);
    }
}
