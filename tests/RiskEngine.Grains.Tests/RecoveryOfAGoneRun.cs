using Microsoft.Extensions.DependencyInjection;
using RiskEngine.Abstractions;
using RiskEngine.Grains.Dispatch;
using RiskEngine.Grains.Tests.Hosting;
using RiskEngine.Storage;
using static RiskEngine.Grains.Tests.Hosting.TestSignals;

namespace RiskEngine.Grains.Tests;

/// <summary>
/// What a gone server run may have held only in memory is the log past its checkpoint row; recovery re-dispatches
/// all of it to the grains, which drop what they already applied.
/// </summary>
public sealed class RecoveryOfAGoneRun(GrainPathEngineCluster engine) : IClassFixture<GrainPathEngineCluster>
{
    private const string GoneRun = "S10.0.0.99:11111:99";

    [Fact]
    public async Task Recovery_redispatches_everything_after_a_gone_runs_checkpoint_and_forgets_the_run()
    {
        var recovery = engine.Silo.GetRequiredService<DispatchRecovery>();
        var checkpoints = engine.Silo.GetRequiredService<IDispatchCheckpointStore>();
        var now = engine.Clock.GetUtcNow();
        var busy = TestSubjects.NewEntity();
        var quiet = TestSubjects.NewEntity();
        await recovery.ClaimAsync(CancellationToken.None);

        var dispatched = await engine.IngestAsync(Complaint(busy, now.AddDays(-3)), Complaint(busy, now.AddDays(-2)));
        var firstSeq = dispatched.Appended.Min(s => s.Seq);
        await checkpoints.WriteAsync(GoneRun, firstSeq);
        await engine.Grains.GetEntity(quiet).GetRiskAsync();
        var lost = await engine.UndispatchedLog().AppendAsync(
        [
            FailedSample(busy, now.AddDays(-1)),
            Complaint(busy, now.AddHours(-5)),
            FailedSample(quiet, now.AddHours(-4)),
        ]);
        var busyBefore = await engine.Grains.GetEntity(busy).GetRiskAsync();
        var quietBefore = await engine.Grains.GetEntity(quiet).GetRiskAsync();

        var replayed = await recovery.RecoverGoneAsync(CancellationToken.None);
        var busyAfter = await engine.Grains.GetEntity(busy).GetRiskAsync();
        var quietAfter = await engine.Grains.GetEntity(quiet).GetRiskAsync();
        var rows = await checkpoints.ReadAllAsync();
        var again = await recovery.RecoverGoneAsync(CancellationToken.None);

        Assert.Equal((2, 0), (busyBefore.SignalCount, quietBefore.SignalCount));
        Assert.Equal(1 + lost.Accepted, replayed);
        Assert.Equal(4, busyAfter.SignalCount);
        Assert.Equal(1, quietAfter.SignalCount);
        Assert.Equal(lost.Appended.Where(s => s.SubjectId == busy).Max(s => s.Seq), busyAfter.LastSeq);
        Assert.True(busyAfter.Score > busyBefore.Score, $"{busyBefore.Score} -> {busyAfter.Score}");
        Assert.DoesNotContain(GoneRun, rows.Keys);
        Assert.Contains(recovery.Owner, rows.Keys);
        Assert.Equal(0, again);
    }
}
