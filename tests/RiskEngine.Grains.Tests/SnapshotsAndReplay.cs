using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Tests.Hosting;
using static RiskEngine.Grains.Tests.Hosting.TestSignals;

namespace RiskEngine.Grains.Tests;

/// <summary>
/// A grain's state is a snapshot written behind (on its timer and on deactivation) plus the log after the
/// position the snapshot includes: a fresh activation loads the one and replays the other.
/// </summary>
public sealed class SnapshotsAndReplay(GrainPathEngineCluster engine) : IClassFixture<GrainPathEngineCluster>
{
    [Fact]
    public async Task A_deactivated_entity_writes_its_snapshot_and_comes_back_with_the_same_risk()
    {
        var now = engine.Clock.GetUtcNow();
        var uscc = TestSubjects.NewEntity();
        var grain = engine.Grains.GetEntity(uscc);
        await engine.IngestAsync(
            FailedSample(uscc, now.AddDays(-9)),
            Complaint(uscc, now.AddDays(-2)),
            Inspection(uscc, now.AddDays(-20), InspectionResult.Rectify, Severity.Critical));
        var live = await grain.GetRiskAsync();
        var unwritten = GrainSnapshots.VersionOf(engine.StateFile, SubjectKeys.Entity(uscc));

        await engine.DeactivateAsync(grain);
        await engine.WriteBehindAndForgetAsync(SubjectKeys.Entity(uscc));
        var written = GrainSnapshots.VersionOf(engine.StateFile, SubjectKeys.Entity(uscc));
        var revived = await grain.GetRiskAsync();

        Assert.Null(unwritten);
        Assert.NotNull(written);
        Assert.Equal(live.Score, revived.Score);
        Assert.Equal(live.Level, revived.Level);
        Assert.Equal(live.SignalCount, revived.SignalCount);
        Assert.Equal(live.LastSeq, revived.LastSeq);
        Assert.Equal(live.Reasons, revived.Reasons);
        Assert.Equal(live.UpdatedAt, revived.UpdatedAt);
    }

    [Fact]
    public async Task Signals_a_grain_holds_only_in_memory_survive_deactivation_through_its_snapshot()
    {
        // Delivered straight to the grain, these are in no log: only the snapshot can bring them back.
        var now = engine.Clock.GetUtcNow();
        var uscc = TestSubjects.NewEntity();
        var grain = engine.Grains.GetEntity(uscc);
        await grain.ApplyAsync(
        [
            Envelope(11, FailedSample(uscc, now.AddDays(-4)), now),
            Envelope(12, Complaint(uscc, now.AddDays(-1)), now),
        ]);
        var live = await grain.GetRiskAsync();

        await engine.DeactivateAsync(grain);
        var revived = await grain.GetRiskAsync();

        Assert.Equal(2, revived.SignalCount);
        Assert.Equal(live.Score, revived.Score);
        Assert.Equal(live.Reasons, revived.Reasons);
        Assert.Equal(12, revived.LastSeq);
    }

    [Fact]
    public async Task A_fresh_activation_replays_signals_logged_after_its_snapshot_that_were_never_dispatched()
    {
        var now = engine.Clock.GetUtcNow();
        var uscc = TestSubjects.NewEntity();
        var grain = engine.Grains.GetEntity(uscc);
        await engine.IngestAsync(Complaint(uscc, now.AddDays(-5)), PassedSample(uscc, now.AddDays(-4)));
        await engine.DeactivateAsync(grain);
        await engine.WriteBehindAndForgetAsync(SubjectKeys.Entity(uscc));
        var snapshotVersion = GrainSnapshots.VersionOf(engine.StateFile, SubjectKeys.Entity(uscc));

        var logged = await engine.UndispatchedLog().AppendAsync(
        [
            FailedSample(uscc, now.AddDays(-3)),
            FailedSample(uscc, now.AddDays(-2)),
            Complaint(uscc, now.AddDays(-1)),
        ]);
        var revived = await grain.GetRiskAsync();

        Assert.NotNull(snapshotVersion);
        Assert.Equal(3, logged.Accepted);
        Assert.Equal(0, engine.Dispatcher.Pending);
        Assert.Equal(5, revived.SignalCount);
        Assert.Equal(logged.Appended.Max(s => s.Seq), revived.LastSeq);
        Assert.Contains(revived.Reasons, r => r.Code == RiskReasonCodes.SamplingFailures);
    }

    [Fact]
    public async Task A_subject_first_activated_after_its_signals_were_logged_replays_them_all()
    {
        var now = engine.Clock.GetUtcNow();
        var uscc = TestSubjects.NewEntity();
        var logged = await engine.UndispatchedLog().AppendAsync(
        [
            Complaint(uscc, now.AddDays(-2)),
            FailedSample(uscc, now.AddDays(-1)),
        ]);

        var view = await engine.Grains.GetEntity(uscc).GetRiskAsync();

        Assert.Equal(2, view.SignalCount);
        Assert.Equal(logged.Appended.Max(s => s.Seq), view.LastSeq);
    }
}
