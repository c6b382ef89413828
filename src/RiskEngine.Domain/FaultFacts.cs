namespace RiskEngine.Domain;

/// <summary>A fault reported for a unit (e.g. by 96333 elevator IoT); entrapment means people were trapped.</summary>
public sealed record FaultFacts(bool Entrapment) : SignalFacts;
