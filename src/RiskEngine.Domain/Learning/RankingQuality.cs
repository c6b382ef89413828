namespace RiskEngine.Domain.Learning;

/// <summary>One scored outcome: the probability (or score) given just before it, and whether it was bad.</summary>
public readonly record struct ScoredOutcome(double Score, bool Positive);

/// <summary>One bin of a calibration curve: outcomes whose predicted probability fell in [From, To).</summary>
public sealed record CalibrationBin(double From, double To, int Count, double MeanPredicted, double ObservedRate);

/// <summary>How well scores ranked and predicted a set of outcomes.</summary>
/// <param name="Outcomes">How many were scored.</param>
/// <param name="Positives">Of which bad.</param>
/// <param name="Auc">P(a random bad outcome outscored a random good one), ties half; NaN without both labels.</param>
/// <param name="TopTenthRecall">Share of the bad outcomes among the top-scored 10%.</param>
/// <param name="TopFifthRecall">Share of the bad outcomes among the top-scored 20%.</param>
/// <param name="Brier">Mean squared error of the probabilities (meaningful only for calibrated ones).</param>
/// <param name="Calibration">Ten equal-width bins of predicted probability; empty bins left out.</param>
public sealed record RankingQuality(int Outcomes, int Positives, double Auc, double TopTenthRecall, double TopFifthRecall, double Brier, IReadOnlyList<CalibrationBin> Calibration)
{
    private const int CalibrationBins = 10;

    /// <summary>Measures <paramref name="scored"/>, whose scores are probabilities in [0, 1] (a 0-100 score divided by 100).</summary>
    public static RankingQuality Of(IReadOnlyList<ScoredOutcome> scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var positives = scored.Count(s => s.Positive);
        return new RankingQuality(
            scored.Count,
            positives,
            AreaUnderCurve(scored),
            TopRecall(scored, 0.1),
            TopRecall(scored, 0.2),
            scored.Count == 0 ? double.NaN : scored.Average(s => Math.Pow(s.Score - (s.Positive ? 1 : 0), 2)),
            Calibrate(scored));
    }

    /// <summary>The Mann-Whitney statistic over midranks: exact with ties, O(n log n).</summary>
    public static double AreaUnderCurve(IReadOnlyList<ScoredOutcome> scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var positives = scored.Count(s => s.Positive);
        var negatives = scored.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        var ordered = scored.OrderBy(s => s.Score).ToArray();
        var positiveRankSum = 0.0;
        for (var start = 0; start < ordered.Length;)
        {
            var end = start;
            while (end + 1 < ordered.Length && ordered[end + 1].Score.Equals(ordered[start].Score))
            {
                end++;
            }

            var midrank = (start + end) / 2.0 + 1;
            for (var i = start; i <= end; i++)
            {
                positiveRankSum += ordered[i].Positive ? midrank : 0;
            }

            start = end + 1;
        }

        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>
    /// The share of bad outcomes among the top <paramref name="fraction"/> by score; the outcomes tied at the cut count in
    /// proportion, so ties never favour either label.
    /// </summary>
    public static double TopRecall(IReadOnlyList<ScoredOutcome> scored, double fraction)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var positives = scored.Count(s => s.Positive);
        if (positives == 0)
        {
            return double.NaN;
        }

        var capacity = fraction * scored.Count;
        var found = 0.0;
        foreach (var tie in scored.GroupBy(s => s.Score).OrderByDescending(g => g.Key))
        {
            var size = tie.Count();
            var taken = Math.Min(size, capacity);
            found += tie.Count(s => s.Positive) * taken / size;
            capacity -= taken;
            if (capacity <= 0)
            {
                break;
            }
        }

        return found / positives;
    }

    private static CalibrationBin[] Calibrate(IReadOnlyList<ScoredOutcome> scored) =>
        scored.GroupBy(s => Math.Min(CalibrationBins - 1, (int)Math.Floor(Math.Clamp(s.Score, 0, 1) * CalibrationBins)))
            .OrderBy(g => g.Key)
            .Select(g => new CalibrationBin(
                g.Key / (double)CalibrationBins,
                (g.Key + 1) / (double)CalibrationBins,
                g.Count(),
                g.Average(s => s.Score),
                g.Count(s => s.Positive) / (double)g.Count()))
            .ToArray();
}
