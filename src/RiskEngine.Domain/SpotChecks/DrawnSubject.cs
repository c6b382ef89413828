namespace RiskEngine.Domain.SpotChecks;

/// <summary>A subject the draw picked, its sampling key, and the officers drawn to inspect it (fewer than two only when the roster lacks unconflicted officers).</summary>
public sealed record DrawnSubject(SpotCheckCandidate Subject, double Key, IReadOnlyList<string> InspectorIds);
