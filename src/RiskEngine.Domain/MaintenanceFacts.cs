namespace RiskEngine.Domain;

/// <summary>A maintenance (维保) visit; the time of the signal is all that matters.</summary>
public sealed record MaintenanceFacts() : SignalFacts;
