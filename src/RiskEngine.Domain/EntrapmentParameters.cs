namespace RiskEngine.Domain;

/// <summary>
/// Entrapments (困人) weigh on their own, beyond the fault burst: each one is p = ProbabilityPerEntrapment
/// when fresh, fading with the half-life; several combine by noisy-OR.
/// </summary>
/// <param name="ReportWindowDays">Window the reason text counts entrapments in.</param>
public sealed record EntrapmentParameters(double Weight, double ProbabilityPerEntrapment, double HalfLifeDays, int ReportWindowDays)
{
    internal static EntrapmentParameters Read(SeedObject json) => new(
        json.Number("weight", 0, ComponentWeights.Max),
        json.Number("probabilityPerEntrapment", 0, 1),
        json.Number("halfLifeDays", 0.1, 3_650),
        json.Integer("reportWindowDays", 1, 3_650));
}
