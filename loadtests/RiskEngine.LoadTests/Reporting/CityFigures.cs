namespace RiskEngine.LoadTests.Reporting;

/// <summary>The generated city as registered through the API.</summary>
/// <param name="Entities">Entities registered.</param>
/// <param name="Equipment">Equipment units registered.</param>
/// <param name="EntitiesByDistrict">Entities per district code.</param>
/// <param name="EquipmentByClass">Units per class code.</param>
/// <param name="EquipmentOverdue">Units whose periodic inspection was already overdue at registration.</param>
/// <param name="EntityRegistration">POST /api/v1/entities: rate and batches.</param>
/// <param name="EquipmentRegistration">POST /api/v1/equipment: rate and batches; null when no units.</param>
/// <param name="SubjectsPerSecond">Entities and units together over both registrations' time.</param>
public sealed record CityFigures(
    int Entities,
    int Equipment,
    IReadOnlyDictionary<string, int> EntitiesByDistrict,
    IReadOnlyDictionary<string, int> EquipmentByClass,
    int EquipmentOverdue,
    RegistrationFigures EntityRegistration,
    RegistrationFigures? EquipmentRegistration,
    double SubjectsPerSecond);
