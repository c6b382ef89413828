namespace RiskEngine.Domain;

/// <summary>
/// A unit's faults as a Poisson surprise against its class's usual fault rate (see
/// <see cref="BurstParameters"/>): the occasional fault is normal wear; a burst, or a unit that keeps
/// failing at several times the usual rate, is a unit heading for an accident.
/// </summary>
internal static class FaultBurstComponent
{
    public static RiskComponent Evaluate(RiskHistory history, EquipmentClassInfo classInfo, RiskModelParameters p, DateTimeOffset now)
    {
        var parameters = p.Equipment.Faults;
        var window = BurstWindow.MostSurprising(history.EventsOf(SignalKind.Fault), classInfo.FaultsPer30Days, parameters, now);
        if (window.Count == 0)
        {
            return RiskComponent.Silent(RiskReasonCodes.Faults);
        }
        var days = ReasonText.Number(window.Days);
        var count = window.Count;
        var notable = ReasonText.IsNotableMultiple(count, window.Ratio);
        return new RiskComponent(
            RiskReasonCodes.Faults,
            parameters.Weight * classInfo.Weight,
            window.Probability,
            notable
                ? $"{days}天内故障{count}次，为常态的{ReasonText.Multiple(window.Ratio)}倍"
                : $"{days}天内故障{count}次（常态约{ReasonText.Number(window.Expected)}次）",
            notable
                ? $"{ReasonText.Count(count, "fault", "faults")} in {days} days, {ReasonText.Multiple(window.Ratio)}x the usual rate"
                : $"{ReasonText.Count(count, "fault", "faults")} in {days} days (about {ReasonText.Number(window.Expected)} expected)");
    }
}
