namespace RiskEngine.Domain;

/// <summary>
/// A unit's latest periodic-inspection result: a failure counts fully until a later pass; a pass
/// drops the component to zero and fades back to the class base rate with this half-life.
/// </summary>
public sealed record FailedInspectionParameters(double Weight, double PassMemoryHalfLifeDays)
{
    internal static FailedInspectionParameters Read(SeedObject json) => new(
        json.Number("weight", 0, ComponentWeights.Max),
        json.Number("passMemoryHalfLifeDays", 1, 36_500));
}
