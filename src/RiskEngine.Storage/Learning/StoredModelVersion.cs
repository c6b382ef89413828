using RiskEngine.Domain.Learning;

namespace RiskEngine.Storage.Learning;

/// <summary>A stored version of the fitted parameters and the newest outcome (by recording order) it was fitted with.</summary>
public sealed record StoredModelVersion(FittedModel Model, long OutcomesThrough);

/// <summary>Outcomes recorded after a position: how many, and when the newest of them occurred.</summary>
public readonly record struct OutcomeBacklog(int Count, long Through);
