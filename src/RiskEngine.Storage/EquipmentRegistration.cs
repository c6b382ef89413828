using RiskEngine.Domain;

namespace RiskEngine.Storage;

/// <summary>A special-equipment unit (特种设备) as registered by a data source.</summary>
public sealed record EquipmentRegistration(
    string Code,
    string? Name,
    string? OwnerUscc,
    string? District,
    EquipmentClass Class,
    DateOnly? NextInspectionDue,
    DateTimeOffset? LastMaintenanceAt);
