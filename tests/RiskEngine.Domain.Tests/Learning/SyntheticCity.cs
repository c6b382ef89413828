using RiskEngine.Domain;
using RiskEngine.Domain.Learning;

namespace RiskEngine.Domain.Tests.Learning;

/// <summary>
/// A simulated city whose generating process is known: catering entities with hidden trouble levels see two years of
/// inspections, sampled batches, complaints and credit events through the real model; each then has a next inspection
/// whose outcome is drawn from a known logistic law over the components' features. The law weighs the components
/// unlike the seeded noisy-OR (complaints and credit far more, sampling little), so a fit has something to learn, and
/// the law's own probability is the oracle no model can beat on average.
/// </summary>
internal sealed class SyntheticCity
{
    public const string Industry = "catering";

    private const int HistoryDays = 730;

    public SyntheticCity(double intercept, IReadOnlyList<double> trueCoefficients)
    {
        Intercept = intercept;
        TrueCoefficients = trueCoefficients;
    }

    public double Intercept { get; }

    /// <summary>One per entity component (<see cref="ComponentLayout.Entity"/>).</summary>
    public IReadOnlyList<double> TrueCoefficients { get; }

    public static SyntheticCity Default { get; } = new(-3.2, [0.25, 0, 0.02, 0.45, 0.35, 0]);

    /// <summary>The law's probability of a bad next inspection for these components.</summary>
    public double TrueProbability(SubjectComponents components)
    {
        var logOdds = Intercept;
        for (var i = 0; i < TrueCoefficients.Count; i++)
        {
            logOdds += TrueCoefficients[i] * LogOddsFeatures.Of(components.Effects[i]);
        }

        return LogOddsFeatures.Logistic(logOdds);
    }

    /// <summary><paramref name="count"/> outcomes (one per entity), reproducible from <paramref name="seed"/>.</summary>
    public IReadOnlyList<(ModelOutcome Outcome, double TrueProbability)> Outcomes(int count, int seed)
    {
        var random = new Random(seed);
        var model = ShippedSeeds.Model;
        var industry = ShippedSeeds.Catalog.Industry(Industry);
        var profile = new EntityProfile(null, "420106", Industry, CreditClass.B);
        var outcomes = new List<(ModelOutcome, double)>(count);
        for (var n = 0; n < count; n++)
        {
            var trouble = Math.Exp(random.NextDouble() * 2.2 - 0.6);
            var history = RiskHistory.Empty;
            long seq = 0;
            void Add(SignalKind kind, SignalFacts facts) =>
                history = history.Apply(new RiskEvent(++seq, kind, Scenarios.Now.AddDays(-1 - random.NextDouble() * HistoryDays), facts), ShippedSeeds.Parameters);

            for (var i = RandomCounts.Poisson(random, 2); i > 0; i--)
            {
                var bad = random.NextDouble() < Math.Min(0.95, industry.InspectionNonComplianceRate * trouble);
                Add(SignalKind.Inspection, new InspectionFacts(bad ? InspectionResult.Rectify : InspectionResult.Pass, bad ? [Severity.Major] : []));
            }

            for (var i = RandomCounts.Poisson(random, 6); i > 0; i--)
            {
                Add(SignalKind.Sampling, new SamplingFacts(random.NextDouble() < Math.Min(0.95, industry.SamplingFailureRate * trouble), null, null));
            }

            for (var i = RandomCounts.Poisson(random, industry.ComplaintsPer30Days * trouble * trouble * HistoryDays / 30); i > 0; i--)
            {
                Add(SignalKind.Complaint, new ComplaintFacts(null));
            }

            if (random.NextDouble() < 0.08 * trouble)
            {
                Add(SignalKind.Credit, new CreditFacts(CreditEvent.Penalty));
            }

            var components = model.EntityComponents(profile, history, [], Scenarios.Now);
            var probability = TrueProbability(components);
            var positive = random.NextDouble() < probability;
            var subjectId = $"E{seed}-{n:D5}";
            outcomes.Add((new ModelOutcome(subjectId, ++seq, Scenarios.Now, components, positive), probability));
        }

        return outcomes;
    }

}
