using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Cluster;
using RiskEngine.Server.Tests.Hosting;
using Xunit.Abstractions;

namespace RiskEngine.Server.Tests.Faults;

/// <summary>
/// One server of three freezes (SIGSTOP) for 20 s while signals stream, then wakes (SIGCONT): the others take its
/// subjects while it is frozen; awake, it must not apply or publish stale state (the cluster has declared it gone, and
/// its appends are fenced off), so it leaves; and every signal acknowledged by anyone counts exactly once.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class FrozenServerTests(ITestOutputHelper output)
{
    private const int Subjects = 90;
    private const int BatchSize = 10;
    private static readonly TimeSpan Frozen = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_server_frozen_and_woken_leaves_the_cluster_and_exactly_once_holds()
    {
        await using var database = await ClusterDatabase.CreateAsync();
        using var dataA = new TemporaryDirectory();
        using var dataB = new TemporaryDirectory();
        using var dataC = new TemporaryDirectory();
        var settings = ClusterServerSettings.For(database.ConnectionString);
        var started = await Task.WhenAll(
            EngineProcess.StartAsync(dataA.Path, settings), EngineProcess.StartAsync(dataB.Path, settings), EngineProcess.StartAsync(dataC.Path, settings));
        using var a = started[0];
        using var b = started[1];
        using var c = started[2];
        var subjects = Enumerable.Range(0, Subjects).Select(i => TestSubjects.Uscc(i % 2 == 0 ? TestSubjects.Jiangan : TestSubjects.Wuchang)).ToArray();
        using var apiA = new EngineApi(a.CreateClient());
        using var apiB = new EngineApi(b.CreateClient());
        var clientC = c.CreateClient();
        clientC.Timeout = TimeSpan.FromSeconds(90);
        using var apiC = new EngineApi(clientC);
        await apiA.RegisterAsync("/api/v1/entities", new JsonArray(subjects.Select(s => (JsonNode)new JsonObject { ["uscc"] = s, ["name"] = "冻结测试", ["industry"] = "catering" }).ToArray()));

        var signals = SignalJson.ForNewSource();
        var acknowledged = new ConcurrentQueue<JsonArray>();
        var uncertain = new ConcurrentQueue<JsonArray>();
        using var stop = new CancellationTokenSource();
        var streams = new[] { apiA, apiB, apiC }.Select((api, n) => StreamAsync(api, n, subjects, signals, acknowledged, uncertain, stop.Token)).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(3));

        c.Freeze();
        // While it is frozen, the others take its subjects: every subject answers from A.
        await Eventually.ReadAsync(
            async () => (await Task.WhenAll(subjects.Select(s => apiA.Http.GetAsync($"/api/v1/entities/{s}")))).All(r => r.IsSuccessStatusCode),
            all => all,
            "every subject answers from the servers still running",
            Frozen);
        await Task.Delay(Frozen - TimeSpan.FromSeconds(5));
        c.Thaw();

        // Declared gone while it slept, it leaves rather than serve what it held.
        await Eventually.ReadAsync(() => Task.FromResult(c.HasExited), exited => exited, "the woken server leaves", TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(streams);

        // Batches whose answer never came may or may not be in the log: send them again to a survivor.
        foreach (var batch in uncertain)
        {
            var retry = await apiA.IngestAsync(batch.Select(s => s!.DeepClone()));
            Assert.Equal(batch.Count, retry.Accepted + retry.Duplicates);
            acknowledged.Enqueue(batch);
        }

        var expected = acknowledged.SelectMany(batch => batch).GroupBy(s => s!["subjectId"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count());
        foreach (var subject in subjects)
        {
            await apiB.WaitForSignalCountAsync($"/api/v1/entities/{subject}", expected.GetValueOrDefault(subject), TimeSpan.FromSeconds(60));
        }

        foreach (var batch in acknowledged)
        {
            var repeat = await apiB.IngestAsync(batch.Select(s => s!.DeepClone()));
            Assert.Equal((0, batch.Count), (repeat.Accepted, repeat.Duplicates));
        }

        output.WriteLine($"{acknowledged.Count} batches acknowledged ({uncertain.Count} re-sent after the freeze); exactly once for all {Subjects} subjects");
    }

    private static async Task StreamAsync(
        EngineApi api, int stream, string[] subjects, SignalJson signals,
        ConcurrentQueue<JsonArray> acknowledged, ConcurrentQueue<JsonArray> uncertain, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var subject = subjects[(stream + n * 3) % subjects.Length];
            var batch = new JsonArray(Enumerable.Range(0, BatchSize).Select(i => (JsonNode)signals.Complaint(subject, hoursAgo: 1 + i)).ToArray());
            try
            {
                using var response = await api.PostSignalsAsync(batch.Select(s => s!.DeepClone()));
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    acknowledged.Enqueue(batch);
                }
                else
                {
                    // Refused while a server is gone (503). A refusal of a commit cut short may still have kept the batch,
                    // so it is sent again at the end like an unanswered one; meanwhile the client waits as told.
                    uncertain.Enqueue(batch);
                    await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException)
            {
                uncertain.Enqueue(batch);
                return;
            }
        }
    }
}
