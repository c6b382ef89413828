using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;
using Xunit.Abstractions;

namespace RiskEngine.Server.Tests.Faults;

/// <summary>
/// PostgreSQL stops for ten seconds under load in cluster mode (a real server of the test's own, stopped and started):
/// both servers answer 503 with Retry-After at once while it is gone (no 500, no request waiting out the outage), both
/// are still members afterwards, they take signals again within seconds of its return, and every signal acknowledged
/// before, during or after counts exactly once.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    private const int Subjects = 60;
    private const int BatchSize = 10;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task While_PostgreSQL_is_gone_servers_refuse_with_503_and_afterwards_resume_having_lost_nothing()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        using var dataA = new TemporaryDirectory();
        using var dataB = new TemporaryDirectory();
        var settings = ClusterServerSettings.For(postgres.ConnectionString);
        var started = await Task.WhenAll(EngineProcess.StartAsync(dataA.Path, settings), EngineProcess.StartAsync(dataB.Path, settings));
        using var a = started[0];
        using var b = started[1];
        var subjects = Enumerable.Range(0, Subjects).Select(i => TestSubjects.Uscc(i % 2 == 0 ? TestSubjects.Jiangan : TestSubjects.Wuchang)).ToArray();
        using var apiA = new EngineApi(a.CreateClient());
        using var apiB = new EngineApi(b.CreateClient());
        await apiA.RegisterAsync("/api/v1/entities", new JsonArray(subjects.Select(s => (JsonNode)new JsonObject { ["uscc"] = s, ["name"] = "停库测试", ["industry"] = "catering" }).ToArray()));

        var answers = new ConcurrentQueue<Answer>();
        var acknowledged = new ConcurrentQueue<JsonArray>();
        var signals = SignalJson.ForNewSource();
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var streams = new[] { apiA, apiB, apiA, apiB }.Select((api, n) => StreamAsync(api, n, subjects, signals, clock, answers, acknowledged, stop.Token)).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(3));
        var stoppedAt = clock.Elapsed;
        await postgres.StopAsync();
        await Task.Delay(Outage);
        var restartingAt = clock.Elapsed;
        await postgres.StartServerAsync();
        var restartedAt = clock.Elapsed;
        await Eventually.ReadAsync(
            () => Task.FromResult(answers.Count(x => x.At > restartedAt && x.Status == HttpStatusCode.Accepted)),
            accepted => accepted >= 10,
            "both servers take signals again after PostgreSQL's return",
            TimeSpan.FromSeconds(30));
        var resumedAfter = answers.Where(x => x.At > restartedAt && x.Status == HttpStatusCode.Accepted).Min(x => x.At) - restartedAt;
        await stop.CancelAsync();
        await Task.WhenAll(streams);

        var during = answers.Where(x => x.SentAt > stoppedAt + TimeSpan.FromSeconds(1) && x.At < restartingAt).ToArray();
        var statuses = answers.GroupBy(x => x.Status).Select(g => $"{(int)g.Key} x{g.Count()}");
        output.WriteLine($"answers: {string.Join(", ", statuses)}; during the outage: {during.Length}, slowest {during.Select(x => x.Took).DefaultIfEmpty().Max().TotalSeconds:F1} s; 202 again {resumedAfter.TotalSeconds:F1} s after the restart");
        Assert.NotEmpty(during);
        Assert.All(during, x => Assert.True(x.Status == HttpStatusCode.ServiceUnavailable && x.RetryAfter,
            $"during the outage an answer was {(int)x.Status}{(x.RetryAfter ? "" : " without Retry-After")}: {x.Body}"));
        Assert.True(during.Max(x => x.Took) < TimeSpan.FromSeconds(5), $"a request waited {during.Max(x => x.Took).TotalSeconds:F1} s during the outage");
        Assert.DoesNotContain(answers, x => (int)x.Status >= 500 && x.Status != HttpStatusCode.ServiceUnavailable);
        Assert.True(resumedAfter < TimeSpan.FromSeconds(10), $"signals were taken again only {resumedAfter.TotalSeconds:F1} s after PostgreSQL returned");

        // Both servers are still up and members; each subject counts exactly the signals acknowledged for it.
        Assert.False(a.HasExited || b.HasExited, "a server left during the outage");
        var expected = acknowledged.SelectMany(batch => batch).GroupBy(s => s!["subjectId"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count());
        foreach (var subject in subjects)
        {
            await apiB.WaitForEntityAsync(subject, expected.GetValueOrDefault(subject));
        }

        foreach (var batch in acknowledged)
        {
            var repeat = await apiA.IngestAsync(batch.Select(s => s!.DeepClone()));
            Assert.Equal((0, batch.Count), (repeat.Accepted, repeat.Duplicates));
        }
    }

    private static async Task StreamAsync(
        EngineApi api, int stream, string[] subjects, SignalJson signals, Stopwatch clock,
        ConcurrentQueue<Answer> answers, ConcurrentQueue<JsonArray> acknowledged, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var subject = subjects[(stream + n * 4) % subjects.Length];
            var batch = new JsonArray(Enumerable.Range(0, BatchSize).Select(i => (JsonNode)signals.Complaint(subject, hoursAgo: 1 + i)).ToArray());
            var sentAt = clock.Elapsed;
            using var response = await api.PostSignalsAsync(batch.Select(s => s!.DeepClone()));
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            answers.Enqueue(new Answer(sentAt, clock.Elapsed, response.StatusCode, response.Headers.RetryAfter is not null, body));
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                acknowledged.Enqueue(batch);
            }
            else
            {
                // A well-behaved source waits as told; a short wait keeps the outage sampled densely.
                await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            }
        }
    }

    private sealed record Answer(TimeSpan SentAt, TimeSpan At, HttpStatusCode Status, bool RetryAfter, string Body)
    {
        public TimeSpan Took => At - SentAt;
    }
}
