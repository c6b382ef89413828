using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Tests.Hosting;
using RiskEngine.Storage;

namespace RiskEngine.Grains.Tests;

/// <summary>
/// A district's sweep turns dates that pass into logged signals (inspection due soon, overdue, maintenance gap),
/// so risk rises with no signal from outside, and each crossing is raised once. Each test sweeps its own district.
/// </summary>
public sealed class DueDateSweep(EngineCluster engine) : IClassFixture<EngineCluster>
{
    [Fact]
    public async Task A_sweep_raises_one_notice_per_crossed_date_and_a_second_sweep_raises_none()
    {
        const string district = "420102";
        var now = engine.Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var overdue = TestSubjects.NewElevator();
        var unmaintained = TestSubjects.NewElevator();
        var fine = TestSubjects.NewElevator();
        await engine.Directory.UpsertEquipmentAsync(
        [
            Elevator(overdue, district, nextDue: today.AddDays(-10), lastMaintenance: now.AddDays(-3)),
            Elevator(unmaintained, district, nextDue: today.AddDays(200), lastMaintenance: now.AddDays(-20)),
            Elevator(fine, district, nextDue: today.AddDays(200), lastMaintenance: now.AddDays(-3)),
        ]);
        var overdueBefore = await engine.Grains.GetEquipment(overdue).GetRiskAsync();
        var sweep = engine.Grains.GetGrain<IDueDateSweepGrain>(district);

        var raised = await sweep.SweepAsync();
        await engine.WaitForDispatchAsync();
        var overdueAfter = await engine.Grains.GetEquipment(overdue).GetRiskAsync();
        var unmaintainedAfter = await engine.Grains.GetEquipment(unmaintained).GetRiskAsync();
        var fineAfter = await engine.Grains.GetEquipment(fine).GetRiskAsync();
        var raisedAgain = await sweep.SweepAsync();
        await engine.WaitForDispatchAsync();
        var overdueFinally = await engine.Grains.GetEquipment(overdue).GetRiskAsync();

        Assert.Equal(2, raised);
        Assert.Equal(0, overdueBefore.SignalCount);
        Assert.Equal(1, overdueAfter.SignalCount);
        Assert.Equal(1, unmaintainedAfter.SignalCount);
        Assert.Equal(0, fineAfter.SignalCount);
        var reason = Assert.Single(overdueAfter.Reasons, r => r.Code == RiskReasonCodes.InspectionOverdue);
        Assert.StartsWith("超期未检10天", reason.Zh, StringComparison.Ordinal);
        Assert.StartsWith("inspection overdue by 10 days", reason.En, StringComparison.Ordinal);
        Assert.Contains(unmaintainedAfter.Reasons, r => r.Code == RiskReasonCodes.MaintenanceGap);
        Assert.Equal(0, raisedAgain);
        Assert.Equal(1, overdueFinally.SignalCount);
        Assert.Equal(overdueAfter.Score, overdueFinally.Score);
    }

    [Fact]
    public async Task A_due_date_that_passes_raises_risk_with_no_outside_signal()
    {
        const string district = "420103";
        var now = engine.Clock.GetUtcNow();
        var unit = TestSubjects.NewElevator();
        await engine.Directory.UpsertEquipmentAsync(
            [Elevator(unit, district, nextDue: DateOnly.FromDateTime(now.UtcDateTime).AddDays(40), lastMaintenance: null)]);
        var grain = engine.Grains.GetEquipment(unit);
        var sweep = engine.Grains.GetGrain<IDueDateSweepGrain>(district);

        var farOff = await SweepAndReadAsync(sweep, grain);
        engine.Clock.Advance(TimeSpan.FromDays(20));
        var dueSoon = await SweepAndReadAsync(sweep, grain);
        engine.Clock.Advance(TimeSpan.FromDays(30));
        var overdue = await SweepAndReadAsync(sweep, grain);

        Assert.Equal((0, 0), (farOff.Raised, farOff.View.SignalCount));
        Assert.DoesNotContain(farOff.View.Reasons, r => r.Code == RiskReasonCodes.InspectionOverdue);
        Assert.Equal((1, 1), (dueSoon.Raised, dueSoon.View.SignalCount));
        Assert.Contains(dueSoon.View.Reasons, r => r.En.StartsWith("periodic inspection due in 20 days", StringComparison.Ordinal));
        Assert.Equal((1, 2), (overdue.Raised, overdue.View.SignalCount));
        Assert.Contains(overdue.View.Reasons, r => r.En.StartsWith("inspection overdue by 10 days", StringComparison.Ordinal));
        Assert.True(farOff.View.Score < dueSoon.View.Score && dueSoon.View.Score < overdue.View.Score,
            $"{farOff.View.Score} -> {dueSoon.View.Score} -> {overdue.View.Score}");
    }

    private async Task<(int Raised, SubjectRiskView View)> SweepAndReadAsync(IDueDateSweepGrain sweep, IEquipmentGrain unit)
    {
        var raised = await sweep.SweepAsync();
        await engine.WaitForDispatchAsync();
        return (raised, await unit.GetRiskAsync());
    }

    private static EquipmentRegistration Elevator(string code, string district, DateOnly nextDue, DateTimeOffset? lastMaintenance) =>
        new(code, "lift", null, district, EquipmentClass.Elevator, nextDue, lastMaintenance);
}
