namespace RiskEngine.Domain;

/// <summary>
/// Works out a unit's <see cref="EquipmentSchedule"/> from its registration data and its signals, in
/// event-time order.
/// </summary>
/// <remarks>
/// The registered due date is the start. A passed inspection sets the next due date: the one it
/// reports, or its date plus the class's interval. A failed inspection never pushes the due date
/// later, since a unit that failed has not met its periodic inspection; a re-inspection deadline it
/// reports can only bring the date forward. Maintenance: the latest visit from either source.
/// </remarks>
internal static class EquipmentScheduleFold
{
    public static EquipmentSchedule Of(EquipmentProfile profile, EquipmentClassInfo classInfo, RiskHistory history, RiskModelParameters p)
    {
        var due = profile.NextInspectionDue;
        foreach (var e in history.EventsOf(SignalKind.EquipmentInspection))
        {
            var facts = (EquipmentInspectionFacts)e.Facts;
            if (!facts.Failed)
            {
                due = facts.NextDue ?? LocalDate(e.OccurredAt, p).AddMonths(classInfo.InspectionIntervalMonths);
            }
            else if (facts.NextDue is { } deadline)
            {
                due = due is { } current && current < deadline ? current : deadline;
            }
        }

        var lastMaintenance = profile.LastMaintenanceAt;
        foreach (var e in history.EventsOf(SignalKind.Maintenance))
        {
            if (lastMaintenance is null || e.OccurredAt > lastMaintenance)
            {
                lastMaintenance = e.OccurredAt;
            }
        }
        var maintenanceDue = lastMaintenance is { } last ? LocalDate(last, p).AddDays(classInfo.MaintenanceIntervalDays) : (DateOnly?)null;
        return new EquipmentSchedule(due, lastMaintenance, maintenanceDue);
    }

    /// <summary>The city's civil date at an instant: due dates are local dates.</summary>
    public static DateOnly LocalDate(DateTimeOffset at, RiskModelParameters p) => DateOnly.FromDateTime(at.ToOffset(p.LocalUtcOffset).DateTime);
}
