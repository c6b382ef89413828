namespace RiskEngine.Domain;

/// <summary>
/// A unit's maintenance gap beyond its class's statutory interval (elevators: 15 days):
/// p = 1 - exp(-(days beyond the interval) / GapTimeConstantDays).
/// </summary>
public sealed record MaintenanceGapParameters(double Weight, double GapTimeConstantDays)
{
    internal static MaintenanceGapParameters Read(SeedObject json) => new(
        json.Number("weight", 0, ComponentWeights.Max),
        json.Number("gapTimeConstantDays", 0.1, 3_650));
}
