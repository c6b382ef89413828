namespace RiskEngine.Domain;

/// <summary>
/// An entity's complaints as a Poisson surprise against the industry's usual rate (see
/// <see cref="BurstParameters"/>): a burst far above the usual rate is the warning, and so is a rate
/// that stays well above it; a trickle at the usual rate barely registers.
/// </summary>
internal static class ComplaintComponent
{
    public static RiskComponent Evaluate(RiskHistory history, IndustryCategory industry, RiskModelParameters p, DateTimeOffset now)
    {
        var parameters = p.Entity.Complaints;
        var window = BurstWindow.MostSurprising(history.EventsOf(SignalKind.Complaint), industry.ComplaintsPer30Days, parameters, now);
        if (window.Count == 0)
        {
            return RiskComponent.Silent(RiskReasonCodes.Complaints);
        }
        var days = ReasonText.Number(window.Days);
        var count = window.Count;
        return ReasonText.IsNotableMultiple(count, window.Ratio)
            ? new RiskComponent(
                RiskReasonCodes.Complaints,
                parameters.Weight,
                window.Probability,
                $"{days}天内投诉{count}次，为常态的{ReasonText.Multiple(window.Ratio)}倍",
                $"{ReasonText.Count(count, "complaint", "complaints")} in {days} days, {ReasonText.Multiple(window.Ratio)}x the usual rate")
            : new RiskComponent(
                RiskReasonCodes.Complaints,
                parameters.Weight,
                window.Probability,
                $"{days}天内投诉{count}次（常态约{ReasonText.Number(window.Expected)}次）",
                $"{ReasonText.Count(count, "complaint", "complaints")} in {days} days (about {ReasonText.Number(window.Expected)} expected)");
    }
}
