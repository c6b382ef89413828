namespace RiskEngine.Domain;

/// <summary>
/// The entity's inspection component: a Beta posterior of serious non-compliance.
/// </summary>
/// <param name="Weight">Noisy-OR weight of the component.</param>
/// <param name="HalfLifeDays">Event-time half-life of an inspection's evidence (years: inspections are rare).</param>
/// <param name="PriorStrength">a0 + b0 of the prior: how many inspections' worth of evidence the industry rate is.</param>
/// <param name="RectifyBadness">Lowest badness of a 责令整改 (order to rectify), whatever its findings.</param>
/// <param name="ClosedBadness">Badness of a closure (责令停业).</param>
/// <param name="MinPrior">Floor of the prior mean after the credit-class multiplier.</param>
/// <param name="MaxPrior">Ceiling of the prior mean after the credit-class multiplier.</param>
public sealed record InspectionParameters(
    double Weight,
    double HalfLifeDays,
    double PriorStrength,
    double RectifyBadness,
    double ClosedBadness,
    double MinPrior,
    double MaxPrior)
{
    internal static InspectionParameters Read(SeedObject json)
    {
        var parameters = new InspectionParameters(
            json.Number("weight", 0, ComponentWeights.Max),
            json.Number("halfLifeDays", 1, 36_500),
            json.Number("priorStrength", 0.1, 1_000),
            json.Number("rectifyBadness", 0, 1),
            json.Number("closedBadness", 0, 1),
            json.Number("minPrior", 0.0001, 1),
            json.Number("maxPrior", 0.0001, 0.9999));
        if (parameters.MinPrior > parameters.MaxPrior)
        {
            throw json.Error("minPrior", "must not exceed maxPrior");
        }
        return parameters;
    }
}
