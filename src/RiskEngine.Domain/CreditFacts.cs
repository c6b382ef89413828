namespace RiskEngine.Domain;

/// <summary>A change in credit standing.</summary>
public sealed record CreditFacts(CreditEvent Event) : SignalFacts;
