using RiskEngine.Domain;
using RiskEngine.Domain.Learning;
using Xunit.Abstractions;

namespace RiskEngine.Domain.Tests;

/// <summary>
/// How well the model ranks a simulated population: entities whose true rates are several times their
/// industry's ("troubled") against entities at their industry's rates ("sound"), observed over two
/// years of routine signals. No labelled outcomes from the regulator are available to the project, so
/// this checks that the model recovers what the signals carry, and reports the AUC.
/// </summary>
public sealed class RiskModelRankingTests(ITestOutputHelper output)
{
    private const int Population = 600;
    private const double TroubledShare = 0.1;
    private const double TroubledRateMultiple = 3;
    private const int Days = 730;

    [Fact]
    public void Troubled_entities_rank_above_sound_ones()
    {
        var random = new Random(20261123);
        var model = ShippedSeeds.Model;
        var industries = ShippedSeeds.Catalog.Industries;
        var scored = new List<(double Score, bool Troubled)>();
        for (var n = 0; n < Population; n++)
        {
            var industry = industries[random.Next(industries.Count)];
            var troubled = random.NextDouble() < TroubledShare;
            var multiple = troubled ? TroubledRateMultiple : 1;
            var history = RiskHistory.Empty;
            long seq = 0;
            void Add(SignalKind kind, SignalFacts facts) =>
                history = history.Apply(new RiskEvent(++seq, kind, Scenarios.Now.AddDays(-random.NextDouble() * Days), facts), ShippedSeeds.Parameters);

            // About one inspection and four sampled batches a year; complaints at the entity's own rate.
            for (var i = RandomCounts.Poisson(random, 2); i > 0; i--)
            {
                var bad = random.NextDouble() < Math.Min(0.95, industry.InspectionNonComplianceRate * multiple);
                Add(SignalKind.Inspection, new InspectionFacts(bad ? InspectionResult.Rectify : InspectionResult.Pass, bad ? [Severity.Major] : []));
            }
            for (var i = RandomCounts.Poisson(random, 8); i > 0; i--)
            {
                Add(SignalKind.Sampling, new SamplingFacts(random.NextDouble() < Math.Min(0.95, industry.SamplingFailureRate * multiple), null, null));
            }
            for (var i = RandomCounts.Poisson(random, industry.ComplaintsPer30Days * multiple * Days / 30); i > 0; i--)
            {
                Add(SignalKind.Complaint, new ComplaintFacts(null));
            }
            var profile = new EntityProfile(null, "420106", industry.Code, CreditClass.B);
            scored.Add((model.AssessEntity(profile, history, [], Scenarios.Now).Score, troubled));
        }

        var auc = RankingQuality.AreaUnderCurve([.. scored.Select(s => new ScoredOutcome(s.Score, s.Troubled))]);
        output.WriteLine($"AUC over {Population} simulated entities ({TroubledShare:P0} troubled at {TroubledRateMultiple}x their industry's rates): {auc:F3}");
        Assert.True(auc > 0.75, $"AUC {auc:F3}");
    }
}
