using System.Globalization;

namespace RiskEngine.Domain;

/// <summary>
/// An entity's inspection record as a Beta posterior of serious non-compliance. The prior mean is the
/// industry's rate scaled by the credit class; a pass adds its decayed weight to the compliant side; a
/// bad outcome adds weight × badness to the non-compliant side only, so bad news can never make an
/// entity look better than before (a minor finding is not half a pass).
/// </summary>
internal static class InspectionComponent
{
    public static RiskComponent Evaluate(RiskHistory history, IndustryCategory industry, CreditClass creditClass, RiskModelParameters p, DateTimeOffset now)
    {
        var parameters = p.Entity.Inspection;
        var priorMean = Math.Clamp(
            industry.InspectionNonComplianceRate * p.CreditClassPriorMultipliers.Of(creditClass), parameters.MinPrior, parameters.MaxPrior);
        var nonCompliant = priorMean * parameters.PriorStrength;
        var compliant = (1 - priorMean) * parameters.PriorStrength;
        int passes = 0, issues = 0, rectifications = 0, closures = 0;
        foreach (var e in history.EventsOf(SignalKind.Inspection))
        {
            var facts = (InspectionFacts)e.Facts;
            var weight = EvidenceDecay.Weight(e.OccurredAt, now, parameters.HalfLifeDays);
            switch (facts.Result)
            {
                case InspectionResult.Pass:
                    compliant += weight;
                    passes++;
                    break;
                case InspectionResult.Issues:
                    nonCompliant += weight * FindingsBadness(facts, p.SeverityWeights);
                    issues++;
                    break;
                case InspectionResult.Rectify:
                    nonCompliant += weight * Math.Max(parameters.RectifyBadness, FindingsBadness(facts, p.SeverityWeights));
                    rectifications++;
                    break;
                case InspectionResult.Closed:
                    nonCompliant += weight * Math.Max(parameters.ClosedBadness, FindingsBadness(facts, p.SeverityWeights));
                    closures++;
                    break;
            }
        }
        var probability = nonCompliant / (nonCompliant + compliant);
        var total = passes + issues + rectifications + closures;
        if (total == 0)
        {
            return new RiskComponent(
                RiskReasonCodes.Inspections,
                parameters.Weight,
                probability,
                $"暂无检查记录，按行业基准（{industry.Zh}，问题发现率{ReasonText.Percent(priorMean)}）",
                $"no inspection on record: {industry.En} baseline ({ReasonText.Percent(priorMean)} serious non-compliance)");
        }
        var zhParts = new List<string>();
        var enParts = new List<string>();
        AddPart(passes, "合格", "passed");
        AddPart(issues, "发现问题", "with issues");
        AddPart(rectifications, "责令整改", "ordered to rectify");
        AddPart(closures, "责令停业", "closed down");
        return new RiskComponent(
            RiskReasonCodes.Inspections,
            parameters.Weight,
            probability,
            $"检查{total}次：{string.Join("、", zhParts)}",
            $"{ReasonText.Count(total, "inspection", "inspections")}: {string.Join(", ", enParts)}");

        void AddPart(int count, string zh, string en)
        {
            if (count > 0)
            {
                zhParts.Add(string.Create(CultureInfo.InvariantCulture, $"{zh}{count}次"));
                enParts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {en}"));
            }
        }
    }

    /// <summary>The worst finding's weight; "issues" with no findings listed counts as minor.</summary>
    private static double FindingsBadness(InspectionFacts facts, SeverityWeights weights) =>
        facts.Findings.Count == 0 ? weights.Minor : facts.Findings.Max(weights.Of);
}
