namespace RiskEngine.Domain;

/// <summary>
/// A Poisson-surprise component (complaints of an entity, faults of a unit): k events in a window
/// against the expected λ for that window; with S = -ln P(N &gt;= k), p = 1 - exp(-(S / SurpriseScale)^SurpriseShape).
/// A shape above 1 keeps a single event mild while a burst saturates quickly. Two windows are read and
/// the more surprising one counts: the short one catches a burst, the long one a subject that runs at
/// several times the usual rate month after month, which no single month shows.
/// </summary>
/// <param name="Weight">Noisy-OR weight of the component.</param>
/// <param name="WindowDays">The short (burst) window.</param>
/// <param name="LongWindowDays">The long (persistent rate) window; at least the short one.</param>
public sealed record BurstParameters(double Weight, double WindowDays, double LongWindowDays, double SurpriseScale, double SurpriseShape)
{
    internal static BurstParameters Read(SeedObject json)
    {
        var parameters = new BurstParameters(
            json.Number("weight", 0, ComponentWeights.Max),
            json.Number("windowDays", 1, 3_650),
            json.Number("longWindowDays", 1, 3_650),
            json.Number("surpriseScale", 0.01, 1_000),
            json.Number("surpriseShape", 0.1, 10));
        if (parameters.LongWindowDays < parameters.WindowDays)
        {
            throw json.Error("longWindowDays", "must not be shorter than windowDays");
        }
        return parameters;
    }
}
