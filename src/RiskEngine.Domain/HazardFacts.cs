namespace RiskEngine.Domain;

/// <summary>A hazard (隐患) found or rectified; reports about one hazard share its id.</summary>
public sealed record HazardFacts(string HazardId, bool Open, Severity Severity) : SignalFacts;
