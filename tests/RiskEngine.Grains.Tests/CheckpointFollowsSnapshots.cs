using Microsoft.Extensions.DependencyInjection;
using RiskEngine.Abstractions;
using RiskEngine.Grains.Dispatch;
using RiskEngine.Grains.Tests.Hosting;
using RiskEngine.Storage;
using RiskEngine.Storage.Snapshots;
using static RiskEngine.Grains.Tests.Hosting.TestSignals;

namespace RiskEngine.Grains.Tests;

/// <summary>
/// The recovery checkpoint promises that everything at or below it is in persisted snapshots, so it may not pass
/// a change a subject's snapshot holds only in memory; once the snapshots are written behind in bulk, it catches up.
/// </summary>
public sealed class CheckpointFollowsSnapshots(GrainPathEngineCluster engine) : IClassFixture<GrainPathEngineCluster>
{
    private ResidentSnapshots Snapshots => engine.Snapshots;

    [Fact]
    public async Task The_checkpoint_stays_below_unflushed_changes_and_advances_once_snapshots_are_written()
    {
        var writer = engine.Silo.GetRequiredService<CheckpointWriter>();
        var recovery = engine.Silo.GetRequiredService<DispatchRecovery>();
        var checkpoints = engine.Silo.GetRequiredService<IDispatchCheckpointStore>();
        var now = engine.Clock.GetUtcNow();
        var unflushed = TestSubjects.NewEntity();
        var flushed = TestSubjects.NewEntity();

        var first = await engine.IngestAsync(Complaint(unflushed, now.AddHours(-3)));
        var later = await engine.IngestAsync(Complaint(flushed, now.AddHours(-2)), Complaint(flushed, now.AddHours(-1)));
        await engine.WriteBehindAndForgetAsync(SubjectKeys.Entity(flushed));
        await writer.WriteOnceAsync(CancellationToken.None);
        var heldBack = await checkpoints.ReadAsync(recovery.Owner);
        var seq = Assert.Single(first.Appended).Seq;

        Assert.Equal(later.Appended.Max(s => s.Seq), engine.Dispatcher.Watermark);
        Assert.NotNull(GrainSnapshots.VersionOf(engine.StateFile, SubjectKeys.Entity(flushed)));
        Assert.Null(GrainSnapshots.VersionOf(engine.StateFile, SubjectKeys.Entity(unflushed)));
        Assert.Equal(seq, Snapshots.OldestUnwrittenSeq);
        Assert.Equal(seq - 1, heldBack);

        // The write-behind runs on the test's clock: one flush interval writes every changed snapshot, the subjects' in
        // bulk and the districts' (which hold the checkpoint too) on their own timers.
        // A district may hear a report after the clock moved (its timer is then due one interval later), so the clock moves
        // on an interval at a time until everything is written.
        var districts = engine.Silo.GetRequiredService<DirtySubjectTracker>();
        await Eventually.HoldsAsync(() =>
        {
            var written = Snapshots.UnwrittenCount == 0 && districts.DirtyCount == 0;
            if (!written)
            {
                engine.Clock.Advance(engine.Options.SnapshotFlushInterval);
            }

            return written;
        }, "every snapshot is written behind");
        await writer.WriteOnceAsync(CancellationToken.None);
        var advanced = await checkpoints.ReadAsync(recovery.Owner);

        Assert.Equal(engine.Dispatcher.Watermark, advanced);
        Assert.NotNull(GrainSnapshots.VersionOf(engine.StateFile, SubjectKeys.Entity(unflushed)));
    }
}
