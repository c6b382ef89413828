namespace RiskEngine.Domain.Learning;

/// <summary>
/// The fitted combination's inputs: each component's effect as log-odds above those of a silent component. A silent
/// component (effect 0, or anything below the floor) reads 0, so "nothing known" adds nothing and the intercept is the
/// log-odds of a subject whose components are all silent; features grow with the evidence, never negative.
/// </summary>
internal static class LogOddsFeatures
{
    public const double Floor = 0.001;

    private static readonly double FloorLogOdds = LogOdds(Floor);

    public static double Of(double effect)
    {
        var clamped = Math.Clamp(double.IsNaN(effect) ? 0 : effect, Floor, 1 - Floor);
        return LogOdds(clamped) - FloorLogOdds;
    }

    public static double Logistic(double logOdds) => 1 / (1 + Math.Exp(-logOdds));

    public static double LogOdds(double probability)
    {
        var clamped = Math.Clamp(probability, 1e-9, 1 - 1e-9);
        return Math.Log(clamped / (1 - clamped));
    }
}
