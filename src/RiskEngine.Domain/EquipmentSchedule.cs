namespace RiskEngine.Domain;

/// <summary>
/// A unit's dates as the model sees them once signals have overridden the registration data: what the
/// engine's due-date sweep indexes.
/// </summary>
/// <param name="NextInspectionDue">Local date the next periodic inspection is due; null when unknown.</param>
/// <param name="LastMaintenanceAt">Latest maintenance visit; null when none is known.</param>
/// <param name="MaintenanceDue">Local date by which the next visit is due (last visit + the class's interval); null when none is known.</param>
public sealed record EquipmentSchedule(DateOnly? NextInspectionDue, DateTimeOffset? LastMaintenanceAt, DateOnly? MaintenanceDue);
