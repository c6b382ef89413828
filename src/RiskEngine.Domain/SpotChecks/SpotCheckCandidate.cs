namespace RiskEngine.Domain.SpotChecks;

/// <summary>A registered entity of the district, with its live risk, as the draw sees it.</summary>
public sealed record SpotCheckCandidate(string SubjectId, string? Name, CreditClass CreditClass, double Score, RiskLevel Level);
