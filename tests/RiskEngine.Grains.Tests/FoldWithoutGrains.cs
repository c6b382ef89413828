using Microsoft.Extensions.DependencyInjection;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Domain.Alerts;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using RiskEngine.Grains.Subjects;
using RiskEngine.Storage.Snapshots;
using RiskEngine.Grains.Tests.Hosting;
using static RiskEngine.Grains.Tests.Hosting.TestSignals;

namespace RiskEngine.Grains.Tests;

/// <summary>
/// Signals of a subject with no grain in memory are folded straight into its snapshot, through the same fold its grain
/// uses: the score, the district's counts and the alerts come out as they would through the grain, and no grain is made.
/// </summary>
public sealed class FoldWithoutGrains(FoldingEngineCluster engine) : IClassFixture<FoldingEngineCluster>
{
    private SubjectResidency Residency => engine.Silo.GetRequiredService<SubjectResidency>();

    private ResidentSnapshots Snapshots => engine.Silo.GetRequiredService<ResidentSnapshots>();

    private long Folded => engine.Silo.GetRequiredService<EngineMetrics>().FoldedTotal;

    [Fact]
    public async Task A_subject_not_in_memory_is_scored_in_its_snapshot_exactly_as_its_grain_scores_it()
    {
        var now = engine.Clock.GetUtcNow();
        var idle = TestSubjects.NewEntity();
        var resident = TestSubjects.NewEntity();
        await engine.Grains.GetEntity(resident).GetRiskAsync();
        var foldedBefore = Folded;

        await engine.IngestAsync([.. MixedNews(idle, now), .. MixedNews(resident, now)]);
        var foldedSignals = Folded - foldedBefore;
        var inMemory = Residency.Residents().Select(g => g.Key.ToString()).ToHashSet();
        var writtenAtOnce = GrainSnapshots.VersionOf(engine.StateFile, SubjectKeys.Entity(idle));

        // Snapshots stay in memory and reach the table in bulk, once per flush interval.
        engine.Clock.Advance(engine.Options.SnapshotFlushInterval);
        await Eventually.HoldsAsync(() => GrainSnapshots.VersionOf(engine.StateFile, SubjectKeys.Entity(idle)) is not null, "the folded snapshot is written behind");
        var viaFold = await engine.Grains.GetEntity(idle).GetRiskAsync();
        var viaGrain = await engine.Grains.GetEntity(resident).GetRiskAsync();

        Assert.Equal(MixedNews(idle, now).Count(), foldedSignals);
        Assert.DoesNotContain(SubjectKeys.Entity(idle), inMemory);
        Assert.Contains(SubjectKeys.Entity(resident), inMemory);
        Assert.Null(writtenAtOnce);
        Assert.Equal(
            (viaGrain.Score, viaGrain.Level, viaGrain.SignalCount, viaGrain.UpdatedAt),
            (viaFold.Score, viaFold.Level, viaFold.SignalCount, viaFold.UpdatedAt));
        Assert.Equal(viaGrain.Reasons, viaFold.Reasons);
        Assert.True(viaFold.Score > 0, "the mixed news scores above zero");
    }

    [Fact]
    public async Task A_read_for_a_periodic_check_scores_the_stored_snapshot_as_the_grain_would_and_brings_no_grain_into_memory()
    {
        var now = engine.Clock.GetUtcNow();
        var idle = TestSubjects.NewEntity();
        await engine.IngestAsync([.. MixedNews(idle, now)]);
        var grainId = engine.Grains.GetEntity(idle).GetGrainId();

        var read = await engine.Silo.GetRequiredService<Dispatch.SubjectRouter>().ReadAsync(SubjectKind.Entity, idle);
        var stillWithoutGrain = !Residency.HasGrain(grainId);
        var viaGrain = await engine.Grains.GetEntity(idle).GetRiskAsync();

        Assert.True(stillWithoutGrain, "the read brought a grain into memory");
        Assert.Equal((viaGrain.Score, viaGrain.Level, viaGrain.SignalCount, viaGrain.LastSeq), (read.Score, read.Level, read.SignalCount, read.LastSeq));
        Assert.Equal(viaGrain.Reasons, read.Reasons);
        Assert.Equal(5, read.SignalCount);
    }

    [Fact]
    public async Task A_unit_folded_without_a_grain_raises_its_owners_risk_with_no_grain_of_either_in_memory()
    {
        var now = engine.Clock.GetUtcNow();
        var owner = TestSubjects.NewEntity();
        var unit = TestSubjects.NewElevator();
        await engine.Directory.UpsertEntitiesAsync([new Storage.EntityRegistration(owner, "owner", TestSubjects.District, "accommodation", CreditClass.B)]);
        await engine.Directory.UpsertEquipmentAsync([new Storage.EquipmentRegistration(
            unit, "lift 1", owner, TestSubjects.District, EquipmentClass.Elevator, DateOnly.FromDateTime(now.UtcDateTime).AddDays(200), now.AddDays(-3))]);
        var reads = engine.Silo.GetRequiredService<Dispatch.SubjectRouter>();
        var before = await reads.ReadAsync(SubjectKind.Entity, owner);

        await engine.IngestAsync(
            ForEquipment(unit, TestSubjects.District, SignalKind.EquipmentInspection, new EquipmentInspectionFacts(true, null), now.AddDays(-5)),
            ForEquipment(unit, TestSubjects.District, SignalKind.Fault, new FaultFacts(true), now.AddDays(-2)),
            ForEquipment(unit, TestSubjects.District, SignalKind.Fault, new FaultFacts(true), now.AddDays(-1)));
        var after = await reads.ReadAsync(SubjectKind.Entity, owner);
        var inMemory = Residency.Residents().Select(g => g.Key.ToString()).ToHashSet();
        var viaGrain = await engine.Grains.GetEntity(owner).GetRiskAsync();

        Assert.DoesNotContain(SubjectKeys.Entity(owner), inMemory);
        Assert.DoesNotContain(SubjectKeys.Equipment(unit), inMemory);
        Assert.True(after.Score > before.Score + 20, $"owner {before.Score} -> {after.Score}");
        Assert.Contains(after.Reasons, r => r.Code == RiskReasonCodes.OwnedEquipment);
        Assert.Equal(after.Score, viaGrain.Score);
        Assert.Equal(after.Reasons, viaGrain.Reasons);
    }

    [Fact]
    public async Task A_subject_folded_without_a_grain_tells_its_district_and_raises_its_alerts()
    {
        const string district = "420107";
        var now = engine.Clock.GetUtcNow();
        var troubled = TestSubjects.NewEntity(district);

        await engine.IngestAsync(
        [
            Hazard(troubled, now.AddDays(-6), "H-1", open: true),
            Hazard(troubled, now.AddDays(-5), "H-2", open: true),
            .. Enumerable.Range(1, 4).Select(d => FailedSample(troubled, now.AddDays(-d), Severity.Critical)),
        ]);
        var inMemory = Residency.Residents().Select(g => g.Key.ToString()).ToHashSet();
        var summary = await engine.Grains.GetDistrict(district).GetSummaryAsync();
        var alertGrain = engine.Grains.GetGrain<IAlertGrain>(AlertCase.IdOf("high-risk", troubled));
        await Eventually.HoldsAsync(async () => await alertGrain.GetAsync() is not null, "the high-risk alert opens");
        var alert = await alertGrain.GetAsync();

        Assert.DoesNotContain(SubjectKeys.Entity(troubled), inMemory);
        var top = Assert.Single(summary.Top);
        Assert.Equal((troubled, RiskLevel.Red), (top.Id, top.Level));
        Assert.Equal(1, summary.Counts.Red);
        Assert.Equal((troubled, RiskLevel.Red, district), (alert!.SubjectId, alert.Level, alert.District));

        var view = await engine.Grains.GetEntity(troubled).GetRiskAsync();
        Assert.Equal((RiskLevel.Red, top.Score), (view.Level, view.Score));
    }

    [Fact]
    public async Task A_grain_whose_snapshot_was_superseded_by_a_fold_elsewhere_rebuilds_from_it_and_the_log()
    {
        var now = engine.Clock.GetUtcNow();
        var uscc = TestSubjects.NewEntity();
        var grain = engine.Grains.GetEntity(uscc);
        await grain.GetRiskAsync();
        await engine.IngestAsync(Complaint(uscc, now.AddHours(-3)));

        engine.Clock.Advance(engine.Options.SnapshotFlushInterval);
        await Eventually.HoldsAsync(() => GrainSnapshots.VersionOf(engine.StateFile, SubjectKeys.Entity(uscc)) is not null, "the grain's snapshot is written behind");

        // Another server, owning the subject after membership moved, folded a signal this grain never saw and stored it in
        // the table first, behind this server's back.
        var elsewhere = await engine.UndispatchedLog().AppendAsync([FailedSample(uscc, now.AddHours(-2), Severity.Critical)]);
        var logged = Assert.Single(elsewhere.Appended);
        var table = engine.Silo.GetRequiredService<ISnapshotTable>();
        var serializer = new OrleansGrainStorageSerializer(engine.Silo.GetRequiredService<Orleans.Serialization.Serializer>());
        var key = new SnapshotKey(engine.Silo.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId, StorageNames.EntityState, SubjectKeys.Entity(uscc));
        var stored = await table.ReadAsync(key);
        var state = serializer.Deserialize<EntityState>(new BinaryData(stored!.Payload!))!;
        var fold = new SubjectFold(state, ShippedCatalog.Value.Parameters);
        fold.Apply(uscc, EntityFacts.From(new EntityProfileUpdate(null, TestSubjects.District, null, CreditClass.B)),
            [new SignalEnvelope(logged.Seq, logged.Kind, logged.OccurredAt, logged.IngestedAt, logged.Data)], now, engine.Silo.GetRequiredService<SubjectServices>().Rules);
        fold.PrepareSnapshot();
        Assert.NotNull(await table.WriteAsync(new SnapshotWrite(key, serializer.Serialize(state).ToArray(), stored.Version, 0, 0)));

        // This server's next bulk write is refused by the table's guard; the grain rebuilds from the stored row and the log.
        var supersededVersion = GrainSnapshots.VersionOf(engine.StateFile, SubjectKeys.Entity(uscc));
        await engine.IngestAsync(Complaint(uscc, now.AddHours(-1)));
        engine.Clock.Advance(engine.Options.SnapshotFlushInterval);
        await Eventually.HoldsAsync(() => Snapshots.Conflicts > 0, "the bulk write meets the other server's row");
        engine.Clock.Advance(engine.Options.SnapshotFlushInterval);
        await Eventually.HoldsAsync(
            () => GrainSnapshots.VersionOf(engine.StateFile, SubjectKeys.Entity(uscc)) > supersededVersion, "the rebuilt snapshot is written over the other");
        var live = await grain.GetRiskAsync();
        await engine.DeactivateAsync(grain);
        var revived = await grain.GetRiskAsync();

        Assert.Equal(3, live.SignalCount);
        Assert.Equal((live.SignalCount, live.Score, live.LastSeq), (revived.SignalCount, revived.Score, revived.LastSeq));
    }

    private static IEnumerable<Storage.SignalToAppend> MixedNews(string uscc, DateTimeOffset now) =>
    [
        FailedSample(uscc, now.AddDays(-9)),
        Complaint(uscc, now.AddDays(-2)),
        Complaint(uscc, now.AddDays(-1)),
        Inspection(uscc, now.AddDays(-20), InspectionResult.Rectify, Severity.Critical),
        PassedSample(uscc, now.AddDays(-3)),
    ];
}
