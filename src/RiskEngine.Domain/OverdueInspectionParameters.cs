namespace RiskEngine.Domain;

/// <summary>
/// A unit's periodic-inspection timing: a small bump once the due date is near, then a hazard that
/// grows with days overdue, p = bump + (1 - bump)(1 - exp(-days / OverdueTimeConstantDays)).
/// </summary>
public sealed record OverdueInspectionParameters(double Weight, int DueSoonDays, double DueSoonProbability, double OverdueTimeConstantDays)
{
    internal static OverdueInspectionParameters Read(SeedObject json) => new(
        json.Number("weight", 0, ComponentWeights.Max),
        json.Integer("dueSoonDays", 0, 365),
        json.Number("dueSoonProbability", 0, 1),
        json.Number("overdueTimeConstantDays", 1, 3_650));
}
