namespace RiskEngine.Domain;

/// <summary>
/// A Poisson-surprise component (complaints of an entity, faults of a unit): k events in the window
/// against the expected λ; with S = -ln P(N &gt;= k), p = 1 - exp(-(S / SurpriseScale)^SurpriseShape).
/// A shape above 1 keeps a single event mild while a burst saturates quickly.
/// </summary>
public sealed record BurstParameters(double Weight, double WindowDays, double SurpriseScale, double SurpriseShape)
{
    internal static BurstParameters Read(SeedObject json) => new(
        json.Number("weight", 0, ComponentWeights.Max),
        json.Number("windowDays", 1, 3_650),
        json.Number("surpriseScale", 0.01, 1_000),
        json.Number("surpriseShape", 0.1, 10));
}
