using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Tests.Hosting;
using RiskEngine.Storage;
using static RiskEngine.Grains.Tests.Hosting.TestSignals;

namespace RiskEngine.Grains.Tests;

/// <summary>The entity that uses a special-equipment unit answers for it: the unit's risk feeds the owner's.</summary>
public sealed class EquipmentFeedsItsOwner(EngineCluster engine) : IClassFixture<EngineCluster>
{
    [Fact]
    public async Task A_unit_with_a_failed_inspection_and_entrapments_raises_its_owners_risk_with_an_equipment_reason()
    {
        var now = engine.Clock.GetUtcNow();
        var owner = TestSubjects.NewEntity();
        var unit = TestSubjects.NewElevator();
        await engine.Directory.UpsertEntitiesAsync([new EntityRegistration(owner, "owner", TestSubjects.District, "accommodation", CreditClass.B)]);
        await engine.Directory.UpsertEquipmentAsync([new EquipmentRegistration(
            unit, "lift 1", owner, TestSubjects.District, EquipmentClass.Elevator,
            DateOnly.FromDateTime(now.UtcDateTime).AddDays(200), now.AddDays(-3))]);
        var quietUnit = await engine.Grains.GetEquipment(unit).GetRiskAsync();
        var before = await engine.Grains.GetEntity(owner).GetRiskAsync();

        await engine.IngestAsync(
            ForEquipment(unit, TestSubjects.District, SignalKind.EquipmentInspection, new EquipmentInspectionFacts(true, null), now.AddDays(-5)),
            ForEquipment(unit, TestSubjects.District, SignalKind.Fault, new FaultFacts(true), now.AddDays(-3)),
            ForEquipment(unit, TestSubjects.District, SignalKind.Fault, new FaultFacts(true), now.AddDays(-2)),
            ForEquipment(unit, TestSubjects.District, SignalKind.Fault, new FaultFacts(true), now.AddDays(-1)));
        var failing = await engine.Grains.GetEquipment(unit).GetRiskAsync();
        var after = await engine.Grains.GetEntity(owner).GetRiskAsync();

        Assert.Equal(owner, failing.Owner);
        Assert.Equal(4, failing.SignalCount);
        Assert.Contains(failing.Reasons, r => r.Code == RiskReasonCodes.FailedInspection);
        Assert.Contains(failing.Reasons, r => r.Code == RiskReasonCodes.Entrapments);
        Assert.True(failing.Score > quietUnit.Score + 30, $"unit {quietUnit.Score} -> {failing.Score}");

        Assert.Equal(0, after.SignalCount);
        Assert.True(after.Score > before.Score + 20, $"owner {before.Score} -> {after.Score}");
        var reason = Assert.Single(after.Reasons, r => r.Code == RiskReasonCodes.OwnedEquipment);
        Assert.Equal(after.Reasons[0], reason);
        Assert.Contains(unit, reason.Zh, StringComparison.Ordinal);
        Assert.Contains(unit, reason.En, StringComparison.Ordinal);
    }
}
