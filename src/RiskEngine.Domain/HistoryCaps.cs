namespace RiskEngine.Domain;

/// <summary>
/// How many events of each kind a subject's <see cref="RiskHistory"/> keeps. Beyond a cap the oldest by
/// event time go: they weigh least after decay, and the caps bound a grain's memory and snapshot size.
/// </summary>
public sealed record HistoryCaps(
    int Inspections,
    int Complaints,
    int Samplings,
    int CreditEvents,
    int Hazards,
    int EquipmentInspections,
    int Maintenance,
    int Faults,
    int DueDateSignals)
{
    public int For(SignalKind kind) => kind switch
    {
        SignalKind.Inspection => Inspections,
        SignalKind.Complaint => Complaints,
        SignalKind.Sampling => Samplings,
        SignalKind.Credit => CreditEvents,
        SignalKind.Hazard => Hazards,
        SignalKind.EquipmentInspection => EquipmentInspections,
        SignalKind.Maintenance => Maintenance,
        SignalKind.Fault => Faults,
        SignalKind.InspectionDueSoon or SignalKind.InspectionOverdue or SignalKind.MaintenanceOverdue => DueDateSignals,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown signal kind"),
    };

    internal static HistoryCaps Read(SeedObject json)
    {
        const int Max = 10_000;
        return new HistoryCaps(
            json.Integer("inspections", 1, Max),
            json.Integer("complaints", 1, Max),
            json.Integer("samplings", 1, Max),
            json.Integer("creditEvents", 1, Max),
            json.Integer("hazards", 1, Max),
            json.Integer("equipmentInspections", 1, Max),
            json.Integer("maintenance", 1, Max),
            json.Integer("faults", 1, Max),
            json.Integer("dueDateSignals", 1, Max));
    }
}
