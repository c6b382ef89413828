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

        await engine.WriteEverythingBehindAsync();
        await writer.WriteOnceAsync(CancellationToken.None);
        var advanced = await checkpoints.ReadAsync(recovery.Owner);

        Assert.Equal(engine.Dispatcher.Watermark, advanced);
        Assert.NotNull(GrainSnapshots.VersionOf(engine.StateFile, SubjectKeys.Entity(unflushed)));
    }
}

/// <summary>
/// A checkpoint already written can be overtaken by another server's signal that committed earlier but arrives later;
/// the receiving server must move its row back below it before it answers the delivery, or a crash right after would
/// start the replay past a signal the sender already counts as done.
/// </summary>
public sealed class CheckpointCoversLateDeliveries(GrainPathEngineCluster engine) : IClassFixture<GrainPathEngineCluster>
{
    [Fact]
    public async Task A_change_another_server_delivers_below_the_written_checkpoint_moves_it_back_before_the_delivery_is_answered()
    {
        var writer = engine.Silo.GetRequiredService<CheckpointWriter>();
        var recovery = engine.Silo.GetRequiredService<DispatchRecovery>();
        var checkpoints = engine.Silo.GetRequiredService<IDispatchCheckpointStore>();
        var deliveries = engine.Silo.GetRequiredService<SubjectDeliveryClient>();
        var silo = engine.Silo.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>().SiloAddress;
        var now = engine.Clock.GetUtcNow();
        var ours = TestSubjects.NewEntity();
        var theirs = TestSubjects.NewEntity();

        // Everything this server holds is written, so its row reaches its newest position.
        await engine.IngestAsync(Complaint(ours, now.AddHours(-2)), Complaint(ours, now.AddHours(-1)));
        await engine.WriteBehindAndForgetAsync(SubjectKeys.Entity(ours));

        // The district hears of the subject asynchronously and holds the row back until its own change is written too.
        var written = 0L;
        await Eventually.HoldsAsync(async () =>
        {
            await engine.WriteEverythingBehindAsync();
            await writer.WriteOnceAsync(CancellationToken.None);
            written = await checkpoints.ReadAsync(recovery.Owner);
            return written == engine.Dispatcher.Watermark;
        }, "the written checkpoint reaches the dispatch watermark");

        // Another server committed a signal before those and delivers it only now.
        var late = written - 1;
        var failed = await deliveries.On(silo).DeliverAsync(
            [new SubjectDelivery(Domain.SubjectKind.Entity, theirs, [Envelope(late, Complaint(theirs, now.AddMinutes(-30)), now)])]);

        Assert.Empty(failed);
        Assert.Equal(late - 1, await checkpoints.ReadAsync(recovery.Owner));
        Assert.True(writer.Current < late, $"the next write must stay below {late}, computed {writer.Current}");
    }
}
