using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Cluster;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;
using Xunit.Abstractions;

namespace RiskEngine.Server.Tests.Faults;

/// <summary>
/// PostgreSQL turns slow (every append waits 200 ms in the database, as a disk whose fsync takes that long would make
/// it) while clients flood a cluster server: answers slow down, the server refuses with 503 and Retry-After rather than
/// queue, its backlog never grows past its bound, nothing fails otherwise, and all it acknowledged is applied.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class SlowDatabaseTests(ITestOutputHelper output)
{
    private const int Capacity = 1000;
    private const int Clients = 8;
    private const int BatchSize = 250;

    [Fact]
    public async Task A_slow_database_slows_answers_and_starts_refusals_and_nothing_queues_past_the_bound()
    {
        await using var database = await ClusterDatabase.CreateAsync();
        using var data = new TemporaryDirectory();
        using var server = await EngineProcess.StartAsync(data.Path, ClusterServerSettings.For(database.ConnectionString,
            new KeyValuePair<string, string?>("Engine:DispatchQueueCapacity", Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        using var api = new EngineApi(server.CreateClient());
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await ExecuteAsync(dataSource,
            "CREATE FUNCTION slow_append() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.2); RETURN NULL; END $$; " +
            "CREATE TRIGGER slow_append AFTER INSERT ON signal_log FOR EACH STATEMENT EXECUTE FUNCTION slow_append()");

        var signals = SignalJson.ForNewSource();
        var subjects = Enumerable.Range(0, 40).Select(i => TestSubjects.Uscc(TestSubjects.Jiangan)).ToArray();
        var answers = new ConcurrentQueue<(HttpStatusCode Status, bool RetryAfter, TimeSpan Took)>();
        var acknowledged = new ConcurrentQueue<JsonArray>();
        var backlog = new ConcurrentQueue<long>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(12));
        var flood = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            using var http = server.CreateClient();
            using var mine = new EngineApi(http);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var subject = subjects[(client + n * Clients) % subjects.Length];
                var batch = new JsonArray(Enumerable.Range(0, BatchSize).Select(i => (JsonNode)signals.Complaint(subject, hoursAgo: 1 + i % 500)).ToArray());
                var clock = Stopwatch.StartNew();
                using var response = await mine.PostSignalsAsync(batch.Select(s => s!.DeepClone()));
                answers.Enqueue((response.StatusCode, response.Headers.RetryAfter is not null, clock.Elapsed));
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    acknowledged.Enqueue(batch);
                }
            }
        })).ToArray();
        var sampling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var stats = await api.GetAsync<SystemStats>("/api/v1/system/stats");
                backlog.Enqueue(stats.LogQueueDepth + stats.ApplyLag);
                await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
            }
        });
        await Task.WhenAll(flood);
        await sampling;

        var accepted = answers.Where(a => a.Status == HttpStatusCode.Accepted).ToArray();
        var refused = answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToArray();
        output.WriteLine($"{accepted.Length} accepted (median {Median(accepted.Select(a => a.Took)).TotalMilliseconds:F0} ms), {refused.Length} refused; backlog max {backlog.Max()} of {Capacity}");
        Assert.Equal(answers.Count, accepted.Length + refused.Length);
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.True(r.RetryAfter, "a refusal without Retry-After"));
        Assert.True(Median(accepted.Select(a => a.Took)) >= TimeSpan.FromMilliseconds(200), "answers did not wait for the slow database");
        // Admission lets in what arrives while the backlog is under the bound (the clients together hold more than the
        // bound in flight, so refusals must come): at most one batch per client past it.
        Assert.True(backlog.Max() <= Capacity + Clients * BatchSize, $"the backlog reached {backlog.Max()}, past {Capacity} + {Clients} x {BatchSize}");

        await ExecuteAsync(dataSource, "DROP TRIGGER slow_append ON signal_log");
        var expected = acknowledged.SelectMany(b => b).GroupBy(s => s!["subjectId"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (subject, count) in expected)
        {
            await api.WaitForEntityAsync(subject, count);
        }
    }

    private static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? TimeSpan.Zero : sorted[sorted.Length / 2];
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
