namespace RiskEngine.Domain;

/// <summary>A periodic inspection (定期检验) of a unit and, when given, the next due date it sets.</summary>
public sealed record EquipmentInspectionFacts(bool Failed, DateOnly? NextDue) : SignalFacts;
