namespace RiskEngine.Domain;

/// <summary>
/// The entity's sampling component: p = P(failure rate &gt; tolerated rate) under a Beta posterior.
/// </summary>
/// <param name="Weight">Noisy-OR weight of the component.</param>
/// <param name="HalfLifeDays">Event-time half-life of a sample's evidence.</param>
/// <param name="PriorFailures">What the prior is worth, in failures at the industry rate: a0 = PriorFailures × credit multiplier, over PriorFailures / industry rate batches. So a new entity's prior p, e^-(tolerated multiple) roughly, is alike across industries.</param>
/// <param name="ToleratedRateMultiple">The tolerated failure rate as a multiple of the industry's rate.</param>
/// <param name="MinorFailureWeight">How many failures a failure graded minor counts as.</param>
/// <param name="MinPrior">Floor of the prior mean after the credit-class multiplier.</param>
/// <param name="MaxPrior">Ceiling of the prior mean after the credit-class multiplier.</param>
/// <param name="ReportWindowDays">Window the reason text counts failures and batches in.</param>
public sealed record SamplingParameters(
    double Weight,
    double HalfLifeDays,
    double PriorFailures,
    double ToleratedRateMultiple,
    double MinorFailureWeight,
    double MinPrior,
    double MaxPrior,
    int ReportWindowDays)
{
    internal static SamplingParameters Read(SeedObject json)
    {
        var parameters = new SamplingParameters(
            json.Number("weight", 0, ComponentWeights.Max),
            json.Number("halfLifeDays", 1, 36_500),
            json.Number("priorFailures", 0.01, 1_000),
            json.Number("toleratedRateMultiple", 1, 100),
            json.Number("minorFailureWeight", 0, 1),
            json.Number("minPrior", 0.00001, 1),
            json.Number("maxPrior", 0.00001, 0.9999),
            json.Integer("reportWindowDays", 1, 3_650));
        if (parameters.MinPrior > parameters.MaxPrior)
        {
            throw json.Error("minPrior", "must not exceed maxPrior");
        }
        return parameters;
    }
}
