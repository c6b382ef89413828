using System.Globalization;

namespace RiskEngine.Domain;

/// <summary>
/// The latest inspection's findings as a probability-like badness, 1 - Π(1 - severity weight) over its findings (at
/// least the rectify or closed badness for those results; silent after a pass), fading with the inspection component's
/// half-life. The seeded noisy-OR leaves it out (weight 0: its inspection posterior already holds every inspection);
/// a fitted combination may weigh how recent and how many the findings are (a fit-only component).
/// </summary>
internal static class LatestInspectionEvidence
{
    public static RiskComponent Evaluate(RiskHistory history, RiskModelParameters p, DateTimeOffset now)
    {
        RiskEvent? latest = null;
        foreach (var e in history.EventsOf(SignalKind.Inspection))
        {
            if (e.OccurredAt <= now && (latest is null || e.OccurredAt >= latest.OccurredAt))
            {
                latest = e;
            }
        }

        if (latest is null || ((InspectionFacts)latest.Facts).Result == InspectionResult.Pass)
        {
            return RiskComponent.Silent(RiskReasonCodes.LatestInspection) with { FitOnly = true };
        }

        var facts = (InspectionFacts)latest.Facts;
        var parameters = p.Entity.Inspection;
        // As the inspection component reads them: "issues" with no findings listed counts as one minor finding.
        var clean = facts.Findings.Count == 0
            ? 1 - p.SeverityWeights.Minor
            : facts.Findings.Aggregate(1.0, (product, severity) => product * (1 - p.SeverityWeights.Of(severity)));
        var floor = facts.Result switch
        {
            InspectionResult.Rectify => parameters.RectifyBadness,
            InspectionResult.Closed => parameters.ClosedBadness,
            _ => 0,
        };
        var badness = Math.Max(1 - clean, floor) * EvidenceDecay.Weight(latest.OccurredAt, now, parameters.HalfLifeDays);
        var date = ReasonText.Date(latest.OccurredAt, p.LocalUtcOffset);
        var count = facts.Findings.Count.ToString(CultureInfo.InvariantCulture);
        return new RiskComponent(
            RiskReasonCodes.LatestInspection,
            0,
            badness,
            $"最近一次检查（{date}）发现问题{count}项",
            $"latest inspection ({date}): {ReasonText.Count(facts.Findings.Count, "finding", "findings")}")
        { FitOnly = true };
    }
}
