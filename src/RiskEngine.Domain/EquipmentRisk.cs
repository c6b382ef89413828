namespace RiskEngine.Domain;

/// <summary>What a special-equipment unit reports to its owner entity: its code and current score (0-100).</summary>
public readonly record struct EquipmentRisk(string Code, double Score);
