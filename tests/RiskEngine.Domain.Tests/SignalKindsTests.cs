using RiskEngine.Domain;

namespace RiskEngine.Domain.Tests;

public sealed class SignalKindsTests
{
    [Theory]
    [InlineData("inspection", SignalKind.Inspection)]
    [InlineData("complaint", SignalKind.Complaint)]
    [InlineData("sampling", SignalKind.Sampling)]
    [InlineData("credit", SignalKind.Credit)]
    [InlineData("hazard", SignalKind.Hazard)]
    [InlineData("equipment-inspection", SignalKind.EquipmentInspection)]
    [InlineData("maintenance", SignalKind.Maintenance)]
    [InlineData("fault", SignalKind.Fault)]
    public void Public_kinds_parse_and_round_trip(string wire, SignalKind kind)
    {
        Assert.True(SignalKinds.TryParseWire(wire, out var parsed));
        Assert.Equal(kind, parsed);
        Assert.Equal(wire, kind.ToWire());
        Assert.False(kind.IsInternal());
    }

    [Theory]
    [InlineData("inspection-due-soon", SignalKind.InspectionDueSoon)]
    [InlineData("inspection-overdue", SignalKind.InspectionOverdue)]
    [InlineData("maintenance-overdue", SignalKind.MaintenanceOverdue)]
    public void Internal_kinds_are_refused_from_outside_but_read_from_the_log(string wire, SignalKind kind)
    {
        Assert.False(SignalKinds.TryParseWire(wire, out _));
        Assert.True(SignalKinds.TryParseAnyWire(wire, out var parsed));
        Assert.Equal(kind, parsed);
        Assert.Equal(wire, kind.ToWire());
        Assert.True(kind.IsInternal());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("complaints")]
    [InlineData("equipment_inspection")]
    public void Unknown_names_are_refused(string? wire)
    {
        Assert.False(SignalKinds.TryParseWire(wire, out _));
        Assert.False(SignalKinds.TryParseAnyWire(wire, out _));
    }

    [Theory]
    [InlineData(SignalKind.Inspection, true, false)]
    [InlineData(SignalKind.Complaint, true, false)]
    [InlineData(SignalKind.Sampling, true, false)]
    [InlineData(SignalKind.Credit, true, false)]
    [InlineData(SignalKind.Hazard, true, true)]
    [InlineData(SignalKind.EquipmentInspection, false, true)]
    [InlineData(SignalKind.Maintenance, false, true)]
    [InlineData(SignalKind.Fault, false, true)]
    [InlineData(SignalKind.InspectionDueSoon, false, true)]
    [InlineData(SignalKind.InspectionOverdue, false, true)]
    [InlineData(SignalKind.MaintenanceOverdue, false, true)]
    public void Kinds_apply_to_their_subjects(SignalKind kind, bool entity, bool equipment)
    {
        Assert.Equal(entity, kind.AcceptsSubject(SubjectKind.Entity));
        Assert.Equal(equipment, kind.AcceptsSubject(SubjectKind.Equipment));
    }
}
