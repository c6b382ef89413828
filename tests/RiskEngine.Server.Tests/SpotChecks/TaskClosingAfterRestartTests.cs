using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.People;
using RiskEngine.Storage.Relational;

namespace RiskEngine.Server.Tests.SpotChecks;

/// <summary>An inspection logged while its task could not be closed (the server stopped first) closes it at the next start.</summary>
public sealed class TaskClosingAfterRestartTests
{
    [Fact]
    public async Task An_inspection_in_the_log_whose_task_stayed_open_closes_it_when_the_server_starts_again()
    {
        using var data = new TemporaryDirectory();
        const string district = "420113";
        var month = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        string planId;
        string inspected;

        await using (var first = await EngineServer.StartAsync(dataDirectory: data.Path))
        {
            using var machine = new EngineApi(first.CreateClient());
            var entities = new JsonArray();
            for (var i = 0; i < 10; i++)
            {
                entities.Add(Registrations.Entity(TestSubjects.Uscc(district), $"重启店{i}", district, creditClass: "C"));
            }

            await machine.RegisterAsync(Registrations.EntitiesPath, entities);
            var (_, _, supervisor) = await PeopleAccounts.SignInAsync(first, "supervisor", district);
            using var created = await supervisor.PostAsJsonAsync("/api/v1/inspection-plans", new { district, month });
            await EngineApi.ExpectStatusAsync(created, HttpStatusCode.Created);
            var plan = await ContractJson.ReadAsync<PlanAnswer>(created);
            (planId, inspected) = (plan.Id, plan.Drawn[0].SubjectId);

            await machine.IngestAsync([SignalJson.ForNewSource().Signal("inspection", inspected, new JsonObject
            {
                ["result"] = "rectify", ["planId"] = planId, ["findings"] = new JsonArray(new JsonObject { ["severity"] = "major" }),
            })]);
            await Eventually.ReadAsync(() => new EngineApi(supervisor).GetAsync<PlanAnswer>($"/api/v1/inspection-plans/{planId}"),
                p => p.Progress.Done == 1, "the task closes while the server runs");
            supervisor.Dispose();
        }

        // As if the server had stopped between the inspection's commit and the closing of its task: the log has the
        // inspection, the task is open.
        await using (var database = RelationalDatabase.ForSqlite(Path.Combine(data.Path, "signals.db")))
        {
            await database.RunAsync(async (connection, ct) =>
            {
                await using var reopen = connection.CreateCommand();
                reopen.CommandText = "UPDATE inspection_task SET done_at = NULL, result = NULL, findings = 0";
                return await reopen.ExecuteNonQueryAsync(ct);
            });
        }

        await using var second = await EngineServer.StartAsync(dataDirectory: data.Path);
        var (_, _, reader) = await PeopleAccounts.SignInAsync(second, "viewer", district);
        var closed = await Eventually.ReadAsync(() => new EngineApi(reader).GetAsync<PlanAnswer>($"/api/v1/inspection-plans/{planId}"),
            p => p.Progress.Done == 1, "the task inspected before the restart is closed");
        var task = closed.Drawn.Single(d => d.SubjectId == inspected);
        Assert.Equal(("done", "rectify", 1), (task.State, task.Result, task.Findings));
        reader.Dispose();
    }
}
