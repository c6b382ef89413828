namespace RiskEngine.Domain;

/// <summary>
/// The components of a special-equipment unit's score. Every weight here is further scaled by the
/// unit's class weight (a boiler can kill more people than a forklift).
/// </summary>
public sealed record EquipmentRiskParameters(
    OverdueInspectionParameters OverdueInspection,
    FailedInspectionParameters FailedInspection,
    MaintenanceGapParameters MaintenanceGap,
    BurstParameters Faults,
    EntrapmentParameters Entrapments,
    double OpenHazardsWeight)
{
    internal static EquipmentRiskParameters Read(SeedObject json) => new(
        OverdueInspectionParameters.Read(json.Object("overdueInspection")),
        FailedInspectionParameters.Read(json.Object("failedInspection")),
        MaintenanceGapParameters.Read(json.Object("maintenanceGap")),
        BurstParameters.Read(json.Object("faults")),
        EntrapmentParameters.Read(json.Object("entrapments")),
        json.Number("openHazardsWeight", 0, ComponentWeights.Max));
}
