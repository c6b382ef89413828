using System.Globalization;

namespace RiskEngine.Domain;

/// <summary>
/// 困人: every entrapment weighs heavily on its own, fading over weeks; several combine by noisy-OR,
/// p = 1 - Π(1 - perEntrapment · decay).
/// </summary>
internal static class EntrapmentComponent
{
    public static RiskComponent Evaluate(RiskHistory history, EquipmentClassInfo classInfo, RiskModelParameters p, DateTimeOffset now)
    {
        var parameters = p.Equipment.Entrapments;
        var survival = 1.0;
        int total = 0, inWindow = 0;
        RiskEvent? latest = null;
        foreach (var e in history.EventsOf(SignalKind.Fault))
        {
            if (!((FaultFacts)e.Facts).Entrapment)
            {
                continue;
            }
            survival *= 1 - parameters.ProbabilityPerEntrapment * EvidenceDecay.Weight(e.OccurredAt, now, parameters.HalfLifeDays);
            total++;
            inWindow += EvidenceDecay.AgeDays(e.OccurredAt, now) < parameters.ReportWindowDays ? 1 : 0;
            latest = e;
        }
        if (latest is null)
        {
            return RiskComponent.Silent(RiskReasonCodes.Entrapments);
        }
        var days = parameters.ReportWindowDays;
        var latestDaysAgo = (int)Math.Floor(EvidenceDecay.AgeDays(latest.OccurredAt, now));
        return new RiskComponent(
            RiskReasonCodes.Entrapments,
            parameters.Weight * classInfo.Weight,
            1 - survival,
            inWindow > 0
                ? string.Create(CultureInfo.InvariantCulture, $"困人故障{inWindow}次（{days}天内）")
                : string.Create(CultureInfo.InvariantCulture, $"困人故障{total}次（最近一次{latestDaysAgo}天前）"),
            inWindow > 0
                ? $"{ReasonText.Count(inWindow, "entrapment", "entrapments")} within {days} days"
                : $"{ReasonText.Count(total, "entrapment", "entrapments")} (latest {ReasonText.Count(latestDaysAgo, "day", "days")} ago)");
    }
}
