namespace RiskEngine.Domain;

/// <summary>
/// A unit's faults as a Poisson surprise against its class's expected fault rate over the window:
/// the occasional fault is normal wear, a burst is a unit about to fail.
/// </summary>
internal static class FaultBurstComponent
{
    public static RiskComponent Evaluate(RiskHistory history, EquipmentClassInfo classInfo, RiskModelParameters p, DateTimeOffset now)
    {
        var parameters = p.Equipment.Faults;
        var expected = classInfo.FaultsPer30Days * parameters.WindowDays / 30;
        var count = history.EventsOf(SignalKind.Fault).Count(e => EvidenceDecay.AgeDays(e.OccurredAt, now) < parameters.WindowDays);
        if (count == 0)
        {
            return RiskComponent.Silent(RiskReasonCodes.Faults);
        }
        var days = ReasonText.Number(parameters.WindowDays);
        var ratio = count / expected;
        return new RiskComponent(
            RiskReasonCodes.Faults,
            parameters.Weight * classInfo.Weight,
            PoissonSurprise.Probability(count, expected, parameters),
            ReasonText.IsNotableMultiple(count, ratio) ? $"{days}天内故障{count}次，为常态的{ReasonText.Multiple(ratio)}倍" : $"{days}天内故障{count}次（常态约{ReasonText.Number(expected)}次）",
            ReasonText.IsNotableMultiple(count, ratio)
                ? $"{ReasonText.Count(count, "fault", "faults")} in {days} days, {ReasonText.Multiple(ratio)}x the usual rate"
                : $"{ReasonText.Count(count, "fault", "faults")} in {days} days (about {ReasonText.Number(expected)} expected)");
    }
}
