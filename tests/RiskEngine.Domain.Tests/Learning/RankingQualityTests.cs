using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RiskEngine.Domain.Learning;

namespace RiskEngine.Domain.Tests.Learning;

public sealed class RankingQualityTests
{
    private static readonly Gen<ScoredOutcome[]> Scored =
        Gen.ArrayOf(from score in Gen.Choose(0, 20) from positive in Gen.Elements(true, false) select new ScoredOutcome(score / 20.0, positive));

    [Property(MaxTest = 200)]
    public Property The_area_under_the_curve_is_the_pairwise_win_rate_with_ties_half() =>
        Prop.ForAll(Arb.From(Scored), scored =>
        {
            var positives = scored.Where(s => s.Positive).ToArray();
            var negatives = scored.Where(s => !s.Positive).ToArray();
            var auc = RankingQuality.AreaUnderCurve(scored);
            if (positives.Length == 0 || negatives.Length == 0)
            {
                return double.IsNaN(auc);
            }

            var wins = positives.Sum(p => negatives.Sum(n => p.Score > n.Score ? 1.0 : p.Score == n.Score ? 0.5 : 0));
            return Math.Abs(auc - wins / (positives.Length * (double)negatives.Length)) < 1e-12;
        });

    [Fact]
    public void Top_recall_counts_the_tie_at_the_cut_in_proportion()
    {
        // Ten outcomes: the top 10% is one place, shared by two tied at the top, one of them bad.
        var scored = new[] { new ScoredOutcome(0.9, true), new ScoredOutcome(0.9, false) }
            .Concat(Enumerable.Range(0, 7).Select(_ => new ScoredOutcome(0.1, false)))
            .Append(new ScoredOutcome(0.1, true)).ToArray();

        Assert.Equal(0.25, RankingQuality.TopRecall(scored, 0.1), 12);
        Assert.Equal(0.5, RankingQuality.TopRecall(scored, 0.2), 12);
    }

    [Fact]
    public void Calibration_bins_hold_the_mean_prediction_and_the_observed_rate()
    {
        var scored = new[] { new ScoredOutcome(0.05, false), new ScoredOutcome(0.15, true), new ScoredOutcome(0.12, false), new ScoredOutcome(1, true) };

        var quality = RankingQuality.Of(scored);

        Assert.Equal([0.0, 0.1, 0.9], quality.Calibration.Select(b => b.From).ToArray());
        Assert.Equal(0.5, quality.Calibration[1].ObservedRate);
        Assert.Equal(0.135, quality.Calibration[1].MeanPredicted, 12);
    }
}
