namespace RiskEngine.Domain;

/// <summary>
/// A special-equipment unit's registration data. The due date and last maintenance given here are
/// the starting point; signals override them with newer facts (see <see cref="EquipmentSchedule"/>).
/// </summary>
public sealed record EquipmentProfile(
    string? Name,
    string? District,
    EquipmentClass Class,
    string? OwnerUscc,
    DateOnly? NextInspectionDue,
    DateTimeOffset? LastMaintenanceAt)
{
    /// <summary>The profile of a unit known only from a signal: its class comes from its code.</summary>
    public static EquipmentProfile ForUnregistered(EquipmentCode code) => new(null, null, code.Class, null, null, null);
}
