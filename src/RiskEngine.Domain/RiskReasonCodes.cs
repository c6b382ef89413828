namespace RiskEngine.Domain;

/// <summary>The stable codes of <see cref="RiskReason"/>s, one per model component.</summary>
public static class RiskReasonCodes
{
    // Market entities.
    public const string Inspections = "inspections";
    public const string SamplingFailures = "sampling-failures";
    public const string Complaints = "complaints";
    public const string Credit = "credit";
    public const string OwnedEquipment = "owned-equipment";

    /// <summary>The latest inspection's findings: evidence only fitted parameters weigh (see <see cref="Learning.ComponentLayout"/>).</summary>
    public const string LatestInspection = "latest-inspection";

    // Both kinds of subject.
    public const string OpenHazards = "open-hazards";

    // Special-equipment units.
    public const string InspectionOverdue = "inspection-overdue";
    public const string FailedInspection = "failed-inspection";
    public const string MaintenanceGap = "maintenance-gap";
    public const string Faults = "faults";
    public const string Entrapments = "entrapments";
}
