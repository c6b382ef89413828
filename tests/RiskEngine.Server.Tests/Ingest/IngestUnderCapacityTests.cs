using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Ingest;

/// <summary>
/// Under capacity nothing is refused, and GET /api/v1/system/stats shows the backlog ingest is admitted by, the signals
/// applied and the subjects' snapshots held in memory.
/// </summary>
public sealed class IngestUnderCapacityTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>, IDisposable
{
    private const int DefaultCapacity = 32_768;
    private const int BatchSize = 3;

    private readonly EngineApi _api = new(fixture.Server.CreateClient());
    private readonly SignalJson _signals = SignalJson.ForNewSource();

    [Fact]
    public async Task Under_capacity_every_batch_is_taken_and_none_is_refused()
    {
        var entities = Enumerable.Range(0, 4).Select(_ => TestSubjects.Uscc()).ToArray();

        foreach (var entity in entities)
        {
            var answer = await _api.IngestAsync(Enumerable.Range(0, BatchSize).Select(_ => _signals.Complaint(entity)));
            Assert.Equal(BatchSize, answer.Accepted);
        }

        foreach (var entity in entities)
        {
            await _api.WaitForEntityAsync(entity, BatchSize);
        }

        var stats = await _api.GetAsync<SystemStats>("/api/v1/system/stats");
        Assert.Equal((DefaultCapacity, 0L), (stats.DispatchCapacity, stats.Refused));
        Assert.InRange(stats.ApplyLag, 0, DefaultCapacity);
        Assert.InRange(stats.LogQueueDepth, 0, DefaultCapacity);

        // Every signal was applied before its entity showed it; each entity's snapshot stays in memory once read or written.
        Assert.True(stats.AppliedTotal >= entities.Length * BatchSize, $"{stats.AppliedTotal} applied");
        Assert.True(stats.ResidentSnapshots >= entities.Length, $"{stats.ResidentSnapshots} resident snapshots");
        Assert.True(stats.ResidentSnapshotBytes > 0, $"{stats.ResidentSnapshotBytes} bytes of resident snapshots");
        Assert.InRange(stats.UnwrittenSnapshots, 0, stats.ResidentSnapshots);
        Assert.Equal(0, stats.SnapshotConflicts);
    }

    public void Dispose() => _api.Dispose();
}
