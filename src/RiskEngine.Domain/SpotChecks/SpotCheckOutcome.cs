namespace RiskEngine.Domain.SpotChecks;

/// <summary>What a draw decided: per credit class its population and drawn count, and the drawn subjects ordered by id.</summary>
public sealed record SpotCheckOutcome(IReadOnlyDictionary<CreditClass, ClassCount> Counts, IReadOnlyList<DrawnSubject> Drawn);
