namespace RiskEngine.Domain;

/// <summary>
/// Every number of the risk model (seeds/risk-model.json). Nothing numeric about the model lives in
/// code, so the regulator's analysts can retune it without a build.
/// </summary>
/// <param name="Levels">Colour thresholds and hysteresis.</param>
/// <param name="SeverityWeights">Weight of a finding, hazard or failure by severity.</param>
/// <param name="CreditClassPriorMultipliers">How the credit class scales an entity's prior rates.</param>
/// <param name="HistoryCaps">Events kept per kind in a subject's history.</param>
/// <param name="Entity">Components of a market entity's score.</param>
/// <param name="Equipment">Components of a special-equipment unit's score.</param>
/// <param name="LocalUtcOffsetHours">Offset of the city's civil time (Wuhan: +8, no daylight saving); due dates are local dates.</param>
public sealed record RiskModelParameters(
    RiskLevelThresholds Levels,
    SeverityWeights SeverityWeights,
    CreditClassMultipliers CreditClassPriorMultipliers,
    HistoryCaps HistoryCaps,
    EntityRiskParameters Entity,
    EquipmentRiskParameters Equipment,
    double LocalUtcOffsetHours)
{
    public const string FileName = "risk-model.json";

    /// <summary>The city's civil-time offset as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan LocalUtcOffset => TimeSpan.FromHours(LocalUtcOffsetHours);

    /// <summary>Parses seeds/risk-model.json.</summary>
    /// <exception cref="FormatException">Missing or out-of-range field; the message names it.</exception>
    public static RiskModelParameters Parse(string json)
    {
        var root = SeedObject.Root(json, FileName);
        return new RiskModelParameters(
            RiskLevelThresholds.Read(root.Object("levels")),
            SeverityWeights.Read(root.Object("severityWeights")),
            CreditClassMultipliers.Read(root.Object("creditClassPriorMultipliers")),
            HistoryCaps.Read(root.Object("historyCaps")),
            EntityRiskParameters.Read(root.Object("entity")),
            EquipmentRiskParameters.Read(root.Object("equipment")),
            root.Number("localUtcOffsetHours", -14, 14));
    }
}
