using MathNet.Numerics.Distributions;

namespace RiskEngine.Domain;

/// <summary>
/// An entity's sampling record as a Beta posterior of its failure rate; p = P(rate &gt; tolerated rate)
/// from the Beta CDF. Failures are rare, so the posterior's spread matters: 2 failures in 5 batches
/// put most of the mass above the tolerated rate, 2 in 200 almost none.
/// </summary>
internal static class SamplingComponent
{
    // A tolerated rate of 1 would make every posterior safe; keep it a proper rate.
    private const double MaxToleratedRate = 0.999;

    public static RiskComponent Evaluate(RiskHistory history, IndustryCategory industry, CreditClass creditClass, RiskModelParameters p, DateTimeOffset now)
    {
        var parameters = p.Entity.Sampling;
        var priorMean = Math.Clamp(
            industry.SamplingFailureRate * p.CreditClassPriorMultipliers.Of(creditClass), parameters.MinPrior, parameters.MaxPrior);
        var priorBatches = parameters.PriorFailures / industry.SamplingFailureRate;
        var failures = priorMean * priorBatches;
        var passes = (1 - priorMean) * priorBatches;
        var tolerated = Math.Min(industry.SamplingFailureRate * parameters.ToleratedRateMultiple, MaxToleratedRate);

        int batches = 0, failed = 0, batchesInWindow = 0, failedInWindow = 0;
        var itemsInWindow = new List<string>();
        foreach (var e in history.EventsOf(SignalKind.Sampling))
        {
            var facts = (SamplingFacts)e.Facts;
            var weight = EvidenceDecay.Weight(e.OccurredAt, now, parameters.HalfLifeDays);
            var inWindow = EvidenceDecay.AgeDays(e.OccurredAt, now) < parameters.ReportWindowDays;
            batches++;
            batchesInWindow += inWindow ? 1 : 0;
            if (facts.Failed)
            {
                // A failure adds to the failure side only (see InspectionComponent): a minor one counts as part of a failure.
                failures += weight * (facts.Severity == Severity.Minor ? parameters.MinorFailureWeight : 1);
                failed++;
                if (inWindow)
                {
                    failedInWindow++;
                    if (!string.IsNullOrWhiteSpace(facts.Item) && !itemsInWindow.Contains(facts.Item.Trim()))
                    {
                        itemsInWindow.Add(facts.Item.Trim());
                    }
                }
            }
            else
            {
                passes += weight;
            }
        }

        var probability = 1 - Beta.CDF(failures, passes, tolerated);
        var days = parameters.ReportWindowDays;
        var (zh, en) = (batches, batchesInWindow, failedInWindow) switch
        {
            (0, _, _) => (
                $"暂无抽检记录，按行业基准（{industry.Zh}，不合格率{ReasonText.Percent(priorMean)}）",
                $"no sampling on record: {industry.En} baseline ({ReasonText.Percent(priorMean)} failure rate)"),
            (_, 0, _) => (
                $"{days}天内无抽检；此前抽检{batches}批，不合格{failed}批",
                $"no sampling within {days} days; earlier {ReasonText.Count(failed, "failure", "failures")} in {ReasonText.Count(batches, "batch", "batches")}"),
            (_, _, 0) => (
                $"{days}天内抽检{batchesInWindow}批，均合格",
                $"{ReasonText.Count(batchesInWindow, "batch", "batches")} sampled within {days} days, all passed"),
            _ => (
                $"{days}天内抽检不合格{failedInWindow}次（共{batchesInWindow}批）{Items("：", "、")}",
                $"{ReasonText.Count(failedInWindow, "sampling failure", "sampling failures")} in {ReasonText.Count(batchesInWindow, "batch", "batches")} within {days} days{Items(": ", ", ")}"),
        };
        return new RiskComponent(RiskReasonCodes.SamplingFailures, parameters.Weight, probability, zh, en);

        // The lab's own item names (铅, 菌落总数 ...), in whichever language it used.
        string Items(string lead, string separator) =>
            itemsInWindow.Count == 0 ? string.Empty : lead + string.Join(separator, itemsInWindow.Take(3));
    }
}
