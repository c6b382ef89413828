namespace RiskEngine.Domain;

/// <summary>
/// The special equipment an entity uses (使用单位): its riskiest unit's score, as a probability, feeds
/// the entity, because the entity answers for the unit's safety.
/// </summary>
internal static class OwnedEquipmentComponent
{
    public static RiskComponent Evaluate(IReadOnlyCollection<EquipmentRisk> ownedEquipment, RiskModelParameters p)
    {
        if (ownedEquipment is null || ownedEquipment.Count == 0)
        {
            return RiskComponent.Silent(RiskReasonCodes.OwnedEquipment);
        }
        var riskiest = ownedEquipment.MaxBy(unit => double.IsNaN(unit.Score) ? 0 : unit.Score);
        var score = double.IsNaN(riskiest.Score) ? 0 : Math.Clamp(riskiest.Score, 0, 100);
        if (score <= 0)
        {
            return RiskComponent.Silent(RiskReasonCodes.OwnedEquipment);
        }
        var points = ReasonText.Number(Math.Round(score));
        var zhCount = ownedEquipment.Count > 1 ? $"（共{ownedEquipment.Count}台）" : string.Empty;
        var enCount = ownedEquipment.Count > 1 ? $" (of {ownedEquipment.Count} units)" : string.Empty;
        return new RiskComponent(
            RiskReasonCodes.OwnedEquipment,
            p.Entity.OwnedEquipmentWeight,
            score / 100,
            $"名下特种设备{riskiest.Code}风险{points}分{zhCount}",
            $"owned equipment {riskiest.Code} scores {points}{enCount}");
    }
}
