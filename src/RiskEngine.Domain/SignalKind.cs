namespace RiskEngine.Domain;

/// <summary>
/// What a signal reports. The last three are internal: the engine's due-date sweep raises them so a
/// unit rescores when a date passes with no outside signal, and so a replay of the log sees them too.
/// </summary>
public enum SignalKind
{
    Inspection,
    Complaint,
    Sampling,
    Credit,
    Hazard,
    EquipmentInspection,
    Maintenance,
    Fault,
    InspectionDueSoon,
    InspectionOverdue,
    MaintenanceOverdue,
}
