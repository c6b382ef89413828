using RiskEngine.Domain;

namespace RiskEngine.Storage.SpotChecks;

/// <summary>A registered entity of a district as the draw's population (a missing credit class counts as B, as in the directory).</summary>
public sealed record RegisteredEntity(string Uscc, string? Name, CreditClass CreditClass);
