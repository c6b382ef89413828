using System.Globalization;

namespace RiskEngine.Domain;

/// <summary>
/// 检验不合格: the latest periodic inspection by event time. A failure counts fully until a later pass.
/// A pass is good news that fades: the component starts at zero and returns toward the class base rate.
/// With no inspection on record the class base rate is the prior (unknown is not safe).
/// </summary>
internal static class FailedInspectionComponent
{
    public static RiskComponent Evaluate(RiskHistory history, EquipmentClassInfo classInfo, RiskModelParameters p, DateTimeOffset now)
    {
        var parameters = p.Equipment.FailedInspection;
        var weight = parameters.Weight * classInfo.Weight;
        var latest = history.EventsOf(SignalKind.EquipmentInspection).LastOrDefault();
        if (latest is null)
        {
            return new RiskComponent(
                RiskReasonCodes.FailedInspection,
                weight,
                classInfo.BaseRate,
                $"暂无定期检验记录，按{classInfo.Zh}类别基准（{ReasonText.Percent(classInfo.BaseRate)}）",
                $"no periodic inspection on record: {classInfo.En} baseline ({ReasonText.Percent(classInfo.BaseRate)})");
        }
        var date = ReasonText.Date(latest.OccurredAt, p.LocalUtcOffset);
        if (((EquipmentInspectionFacts)latest.Facts).Failed)
        {
            return new RiskComponent(
                RiskReasonCodes.FailedInspection,
                weight,
                1,
                $"定期检验不合格（{date}），尚未复检合格",
                $"failed its periodic inspection on {date}; no pass since");
        }
        var fadedTo = classInfo.BaseRate * (1 - EvidenceDecay.Weight(latest.OccurredAt, now, parameters.PassMemoryHalfLifeDays));
        var daysAgo = (int)Math.Floor(EvidenceDecay.AgeDays(latest.OccurredAt, now));
        return new RiskComponent(
            RiskReasonCodes.FailedInspection,
            weight,
            fadedTo,
            string.Create(CultureInfo.InvariantCulture, $"最近一次定期检验合格（{date}，{daysAgo}天前）"),
            $"passed its last periodic inspection on {date} ({ReasonText.Count(daysAgo, "day", "days")} ago)");
    }
}
