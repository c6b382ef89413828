using RiskEngine.Domain;

namespace RiskEngine.Abstractions;

/// <summary>Registration data for a unit's grain: owner, class and the dates that age its risk.</summary>
[GenerateSerializer, Immutable, Alias("equipment-profile-update")]
public sealed record EquipmentProfileUpdate(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? District,
    [property: Id(2)] string? OwnerUscc,
    [property: Id(3)] EquipmentClass Class,
    [property: Id(4)] DateTime? NextInspectionDue,
    [property: Id(5)] DateTimeOffset? LastMaintenanceAt);
