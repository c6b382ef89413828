namespace RiskEngine.Domain;

/// <summary>The components of a market entity's score.</summary>
/// <param name="OpenHazardsWeight">Noisy-OR weight of the open-hazards component.</param>
/// <param name="OwnedEquipmentWeight">Noisy-OR weight of the riskiest owned unit's score.</param>
public sealed record EntityRiskParameters(
    InspectionParameters Inspection,
    SamplingParameters Sampling,
    BurstParameters Complaints,
    CreditParameters Credit,
    double OpenHazardsWeight,
    double OwnedEquipmentWeight)
{
    internal static EntityRiskParameters Read(SeedObject json) => new(
        InspectionParameters.Read(json.Object("inspection")),
        SamplingParameters.Read(json.Object("sampling")),
        BurstParameters.Read(json.Object("complaints")),
        CreditParameters.Read(json.Object("credit")),
        json.Number("openHazardsWeight", 0, ComponentWeights.Max),
        json.Number("ownedEquipmentWeight", 0, ComponentWeights.Max));
}
