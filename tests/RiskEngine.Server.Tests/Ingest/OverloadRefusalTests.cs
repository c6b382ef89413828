using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Ingest;

/// <summary>
/// Overload is refused, not queued: with its backlog at capacity the engine answers 503 at once, with Retry-After and a
/// problem, takes nothing of that request, and still applies every signal it accepted before. The grains are held by
/// <see cref="HeldDeliveries"/>, so the backlog is exactly what the test sent, not a race with the dispatcher.
/// </summary>
public sealed class OverloadRefusalTests
{
    private const int Capacity = 8;
    private const string StatsPath = "/api/v1/system/stats";

    private readonly SignalJson _signals = SignalJson.ForNewSource();

    [Fact]
    public async Task At_capacity_a_post_is_refused_at_once_and_every_signal_accepted_before_is_applied()
    {
        const int batchSize = 3;
        var held = new HeldDeliveries();
        await using var server = await StartAsync(held);
        using var api = new EngineApi(server.CreateClient());
        var accepted = new List<string>();
        var refusedEntity = TestSubjects.Uscc();
        var refusedSignal = _signals.Complaint(refusedEntity);
        try
        {
            // Taken while the backlog is under capacity: at 0, 3 and 6 signals.
            for (var i = 0; i < 3; i++)
            {
                var entity = TestSubjects.Uscc();
                var answer = await api.IngestAsync(Enumerable.Range(0, batchSize).Select(_ => _signals.Complaint(entity)));
                Assert.Equal(batchSize, answer.Accepted);
                accepted.Add(entity);
            }

            var full = await api.GetAsync<SystemStats>(StatsPath);
            Assert.Equal((3L * batchSize, (long)Capacity, 0L), (full.ApplyLag, full.DispatchCapacity, full.Refused));

            await AssertRefusedAsync(await api.PostSignalsAsync([refusedSignal.DeepClone()]));

            // Refused before the body is read: a body that is not even JSON gets the same answer.
            await AssertRefusedAsync(await api.PostRawAsync("/api/v1/signals", "this is not json", "application/json"));

            var refusing = await api.GetAsync<SystemStats>(StatsPath);
            Assert.Equal((3L * batchSize, 2L), (refusing.ApplyLag, refusing.Refused));
        }
        finally
        {
            held.ReleaseAll();
        }

        foreach (var entity in accepted)
        {
            await api.WaitForEntityAsync(entity, batchSize);
        }

        await Eventually.ReadAsync(() => api.GetAsync<SystemStats>(StatsPath), s => s.ApplyLag == 0, "the backlog drained");
        using (var notTaken = await api.Http.GetAsync($"/api/v1/entities/{refusedEntity}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, notTaken.StatusCode);
        }

        // Sent again once the backlog drained, the refused signal is new to the engine: nothing of it was taken before.
        var again = await api.IngestAsync([refusedSignal]);
        Assert.Equal((1, 0), (again.Accepted, again.Duplicates));
        await api.WaitForEntityAsync(refusedEntity, 1);
    }

    [Fact]
    public async Task Once_refusing_the_engine_takes_requests_again_only_when_a_quarter_of_its_capacity_has_drained()
    {
        var held = new HeldDeliveries();
        await using var server = await StartAsync(held);
        using var api = new EngineApi(server.CreateClient());
        try
        {
            // One signal per subject, so each release takes exactly one off the backlog.
            var entities = Enumerable.Range(0, Capacity).Select(_ => TestSubjects.Uscc()).ToArray();
            foreach (var entity in entities)
            {
                await api.IngestAsync([_signals.Complaint(entity)]);
            }

            await AssertRefusedAsync(await api.PostSignalsAsync([_signals.Complaint(TestSubjects.Uscc())]));

            // Below capacity, but not yet down to three quarters of it: still refused, so admission does not flap.
            held.Release(entities[0]);
            await Eventually.ReadAsync(() => api.GetAsync<SystemStats>(StatsPath), s => s.ApplyLag == Capacity - 1, "one signal applied");
            await AssertRefusedAsync(await api.PostSignalsAsync([_signals.Complaint(TestSubjects.Uscc())]));

            held.Release(entities[1]);
            await Eventually.ReadAsync(() => api.GetAsync<SystemStats>(StatsPath), s => s.ApplyLag == Capacity * 3 / 4, "a quarter of the capacity applied");
            await api.IngestAsync([_signals.Complaint(TestSubjects.Uscc())]);

            // Taking again, up to the capacity as at first.
            await api.IngestAsync([_signals.Complaint(TestSubjects.Uscc())]);
            await AssertRefusedAsync(await api.PostSignalsAsync([_signals.Complaint(TestSubjects.Uscc())]));
        }
        finally
        {
            held.ReleaseAll();
        }
    }

    private static Task<EngineServer> StartAsync(HeldDeliveries held) => EngineServer.StartAsync(
        [
            new("Engine:DispatchQueueCapacity", Capacity.ToString(CultureInfo.InvariantCulture)),

            // Every delivery goes to a grain, where the filter holds it (a fold would apply it without one).
            new("Engine:FoldIdleSubjects", "false"),

            // No checkpoint is written meanwhile: it queues for the log's writer, so it would count in the backlog.
            new("Engine:CheckpointInterval", "01:00:00"),
        ],
        services: services => services.AddSingleton<IIncomingGrainCallFilter>(held));

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("over capacity", problem.Title, StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        }
    }
}
