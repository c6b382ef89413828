namespace RiskEngine.Domain;

/// <summary>
/// An entity's credit standing. List memberships are states, decided by the latest list event by event
/// time, and hold fully until a removal; administrative penalties are events that fade.
/// </summary>
internal static class CreditComponent
{
    // Penalties whose decayed weight fell below this no longer show in the reason text.
    private const double ReportedPenaltyWeight = 0.25;

    public static RiskComponent Evaluate(RiskHistory history, RiskModelParameters p, DateTimeOffset now)
    {
        var parameters = p.Entity.Credit;
        var onAbnormalList = false;
        var onDishonestList = false;
        var penaltyWeight = 0.0;
        var reportedPenalties = 0;
        DateTimeOffset? latestPenalty = null;
        foreach (var e in history.EventsOf(SignalKind.Credit))
        {
            switch (((CreditFacts)e.Facts).Event)
            {
                case CreditEvent.AbnormalList:
                    onAbnormalList = true;
                    break;
                case CreditEvent.AbnormalListRemoved:
                    onAbnormalList = false;
                    break;
                case CreditEvent.DishonestList:
                    onDishonestList = true;
                    break;
                case CreditEvent.DishonestListRemoved:
                    onDishonestList = false;
                    break;
                case CreditEvent.Penalty:
                    var weight = EvidenceDecay.Weight(e.OccurredAt, now, parameters.PenaltyHalfLifeDays);
                    penaltyWeight += weight;
                    if (weight >= ReportedPenaltyWeight)
                    {
                        reportedPenalties++;
                        latestPenalty = e.OccurredAt;
                    }
                    break;
            }
        }
        var survival = (onAbnormalList ? 1 - parameters.AbnormalListProbability : 1)
            * (onDishonestList ? 1 - parameters.DishonestListProbability : 1)
            * Math.Pow(1 - parameters.PenaltyProbability, penaltyWeight);
        var probability = 1 - survival;
        if (probability <= 0)
        {
            return RiskComponent.Silent(RiskReasonCodes.Credit);
        }
        var zhParts = new List<string>();
        var enParts = new List<string>();
        if (onDishonestList)
        {
            zhParts.Add("列入严重违法失信名单");
            enParts.Add("on the serious dishonesty list");
        }
        if (onAbnormalList)
        {
            zhParts.Add("列入经营异常名录");
            enParts.Add("on the abnormal-operations list");
        }
        if (latestPenalty is { } latest)
        {
            var date = ReasonText.Date(latest, p.LocalUtcOffset);
            zhParts.Add($"行政处罚{reportedPenalties}次（最近一次{date}）");
            enParts.Add($"{ReasonText.Count(reportedPenalties, "administrative penalty", "administrative penalties")} (latest {date})");
        }
        if (zhParts.Count == 0)
        {
            zhParts.Add("曾受行政处罚");
            enParts.Add("past administrative penalties");
        }
        return new RiskComponent(RiskReasonCodes.Credit, parameters.Weight, probability, string.Join("；", zhParts), string.Join("; ", enParts));
    }
}
