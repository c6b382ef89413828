namespace RiskEngine.Domain;

/// <summary>
/// An entity's complaints as a Poisson surprise: k complaints in the window against the industry's
/// expected count over the same window. A burst far above the usual rate is the warning; a trickle
/// at the usual rate barely registers.
/// </summary>
internal static class ComplaintComponent
{
    public static RiskComponent Evaluate(RiskHistory history, IndustryCategory industry, RiskModelParameters p, DateTimeOffset now)
    {
        var parameters = p.Entity.Complaints;
        var expected = industry.ComplaintsPer30Days * parameters.WindowDays / 30;
        var count = history.EventsOf(SignalKind.Complaint).Count(e => EvidenceDecay.AgeDays(e.OccurredAt, now) < parameters.WindowDays);
        if (count == 0)
        {
            return RiskComponent.Silent(RiskReasonCodes.Complaints);
        }
        var probability = PoissonSurprise.Probability(count, expected, parameters);
        var days = ReasonText.Number(parameters.WindowDays);
        var ratio = count / expected;
        return ReasonText.IsNotableMultiple(count, ratio)
            ? new RiskComponent(
                RiskReasonCodes.Complaints,
                parameters.Weight,
                probability,
                $"{days}天内投诉{count}次，为常态的{ReasonText.Multiple(ratio)}倍",
                $"{ReasonText.Count(count, "complaint", "complaints")} in {days} days, {ReasonText.Multiple(ratio)}x the usual rate")
            : new RiskComponent(
                RiskReasonCodes.Complaints,
                parameters.Weight,
                probability,
                $"{days}天内投诉{count}次（常态约{ReasonText.Number(expected)}次）",
                $"{ReasonText.Count(count, "complaint", "complaints")} in {days} days (about {ReasonText.Number(expected)} expected)");
    }
}
