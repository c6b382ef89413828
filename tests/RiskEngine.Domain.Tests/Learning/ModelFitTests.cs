using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RiskEngine.Domain;
using RiskEngine.Domain.Learning;
using Xunit.Abstractions;

namespace RiskEngine.Domain.Tests.Learning;

/// <summary>The fitted combination on a synthetic city whose generating process is known (<see cref="SyntheticCity"/>).</summary>
public sealed class ModelFitTests(ITestOutputHelper output)
{
    private static readonly string Category = ModelCategory.ForIndustry(SyntheticCity.Industry);
    private static readonly DateTimeOffset FittedAt = Scenarios.Now;

    [Fact]
    public void A_fit_reaches_the_oracles_ranking_on_held_out_outcomes()
    {
        var city = SyntheticCity.Default;
        var training = city.Outcomes(3000, seed: 1).Select(o => o.Outcome).ToArray();
        var test = city.Outcomes(3000, seed: 2);

        var fitted = ModelRefit.Fit(training, 1, FittedAt, FitSettings.Default).Find(Category)!;
        var oracle = Auc(test, o => o.TrueProbability);
        var fittedAuc = Auc(test, o => fitted.Probability(o.Outcome.Components.Effects));
        var seededAuc = Auc(test, o => o.Outcome.Components.SeededProbability());
        var calibrationGap = Math.Abs(test.Average(o => fitted.Probability(o.Outcome.Components.Effects)) - test.Average(o => o.Outcome.Positive ? 1.0 : 0));
        output.WriteLine($"held-out AUC: oracle {oracle:F3}, fitted {fittedAuc:F3} ({fittedAuc / oracle:P1} of the oracle), seeded {seededAuc:F3}; " +
            $"mean predicted vs observed differ by {calibrationGap:F3}; coefficients [{string.Join(", ", fitted.Coefficients.Select(c => c.ToString("F3")))}], intercept {fitted.Intercept:F3}");

        Assert.True(fittedAuc >= 0.95 * oracle, $"fitted {fittedAuc:F3} < 0.95 × oracle {oracle:F3}");
        Assert.True(fittedAuc > seededAuc, $"fitted {fittedAuc:F3} <= seeded {seededAuc:F3}: the law weighs the components unlike the seeds");
        Assert.True(calibrationGap < 0.02, $"mean predicted probability is {calibrationGap:F3} off the observed rate");
    }

    [Fact]
    public void Coefficients_stay_at_or_above_zero_where_the_data_says_a_component_lowers_risk()
    {
        // A law under which complaints make a bad inspection less likely: the sign constraint refuses to learn that.
        var perverse = new SyntheticCity(-1.5, [0.3, 0, 0, -0.4, 0.2, 0]);
        var outcomes = perverse.Outcomes(2000, seed: 3).Select(o => o.Outcome).ToArray();
        var complaints = ComponentLayout.Entity.ToList().IndexOf(RiskReasonCodes.Complaints);

        var constrained = ModelRefit.Fit(outcomes, 1, FittedAt, FitSettings.Default).Find(Category)!;
        var plain = ModelRefit.PlainLogistic(outcomes, FittedAt).Find(Category)!;
        output.WriteLine($"complaints' coefficient: constrained {constrained.Coefficients[complaints]:F4}, plain logistic {plain.Coefficients[complaints]:F4}");

        Assert.True(plain.Coefficients[complaints] < -0.1, "the data does say complaints lower risk here");
        Assert.All(constrained.Coefficients, c => Assert.True(c >= 0, $"coefficient {c}"));
        Assert.Equal(0, constrained.Coefficients[complaints]);
    }

    [Property(MaxTest = 40)]
    public Property Every_fitted_coefficient_is_at_least_zero() =>
        Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), Arb.From(Gen.Choose(40, 400)), (seed, count) =>
        {
            var random = new Random(seed);
            var law = new SyntheticCity(random.NextDouble() * 4 - 3, Enumerable.Range(0, 6).Select(_ => random.NextDouble() * 2 - 1).ToArray());
            var model = ModelRefit.Fit(law.Outcomes(count, seed).Select(o => o.Outcome), 1, FittedAt, FitSettings.Default);
            return model.Categories.All(fit => fit.Coefficients.All(c => c >= 0 && double.IsFinite(c)) && double.IsFinite(fit.Intercept));
        });

    [Fact]
    public void Thin_data_stays_near_the_seeded_combination_and_plenty_moves_away()
    {
        var all = SyntheticCity.Default.Outcomes(3000, seed: 4).Select(o => o.Outcome).ToArray();
        var thin = all.Take(12).ToArray();
        var test = SyntheticCity.Default.Outcomes(2000, seed: 5);

        var thinFit = LogisticFit.Fit(Category, thin, SeededPrior.Implied(Category, thin), FitSettings.Default with { MinOutcomes = 1 });
        var fullFit = ModelRefit.Fit(all, 1, FittedAt, FitSettings.Default).Find(Category)!;
        var seeded = test.Select(o => o.Outcome.Components.SeededProbability()).ToArray();
        var thinCorrelation = RankCorrelation(seeded, test.Select(o => thinFit.Probability(o.Outcome.Components.Effects)).ToArray());
        var fullCorrelation = RankCorrelation(seeded, test.Select(o => fullFit.Probability(o.Outcome.Components.Effects)).ToArray());
        output.WriteLine($"rank correlation with the seeded scores: 12 outcomes {thinCorrelation:F3}, 3000 outcomes {fullCorrelation:F3}");

        Assert.True(thinCorrelation > 0.95, $"12 outcomes moved the ranking away from the seeds (Spearman {thinCorrelation:F3})");
        Assert.True(fullCorrelation < thinCorrelation, "3000 outcomes should move the ranking further than 12");
    }

    [Fact]
    public void A_fit_depends_only_on_the_outcomes_not_their_order()
    {
        var outcomes = SyntheticCity.Default.Outcomes(800, seed: 6).Select(o => o.Outcome).ToArray();
        var shuffled = outcomes.OrderBy(_ => Guid.NewGuid()).ToArray();

        var first = ModelRefit.Fit(outcomes, 1, FittedAt, FitSettings.Default);
        var second = ModelRefit.Fit(shuffled, 1, FittedAt, FitSettings.Default);

        Assert.Equal(first, second);
        Assert.Equal(first.Categories.Single().Coefficients, second.Categories.Single().Coefficients);
    }

    [Fact]
    public void A_rollback_restores_the_scores_of_the_version_it_restores()
    {
        var model = ShippedSeeds.Model;
        var first = ModelRefit.Fit(SyntheticCity.Default.Outcomes(1500, seed: 7).Select(o => o.Outcome), 1, FittedAt, FitSettings.Default);
        var second = ModelRefit.Fit(new SyntheticCity(-1, [0.6, 0, 0.3, 0.05, 0.05, 0]).Outcomes(1500, seed: 8).Select(o => o.Outcome), 2, FittedAt, FitSettings.Default);
        var rolledBack = FittedModel.RollbackTo(first, 3, FittedAt.AddHours(1));
        var subjects = new[]
        {
            new EntityScenario(new EntityProfile(null, "420106", SyntheticCity.Industry, CreditClass.B), []),
            new EntityScenario(new EntityProfile(null, "420106", SyntheticCity.Industry, CreditClass.C),
            [
                new RiskEvent(1, SignalKind.Complaint, Scenarios.Now.AddDays(-3), new ComplaintFacts(null)),
                new RiskEvent(2, SignalKind.Complaint, Scenarios.Now.AddDays(-2), new ComplaintFacts(null)),
                new RiskEvent(3, SignalKind.Inspection, Scenarios.Now.AddDays(-40), new InspectionFacts(InspectionResult.Rectify, [Severity.Major])),
            ]),
        };

        double[] Scores(FittedModel fitted) =>
            subjects.Select(s => model.WithFitted(fitted).AssessEntity(s.Profile, s.History(), [], Scenarios.Now).Score).ToArray();

        Assert.NotEqual(Scores(first), Scores(second));
        Assert.Equal(Scores(first), Scores(rolledBack));
        Assert.Equal("rollback:1", rolledBack.Origin);
        Assert.Equal(3, model.WithFitted(rolledBack).AssessEntity(subjects[1].Profile, subjects[1].History(), [], Scenarios.Now).ModelVersion);
    }

    [Fact]
    public void A_fitted_score_is_a_probability_with_reasons_that_add_up_to_it()
    {
        var fitted = ModelRefit.Fit(SyntheticCity.Default.Outcomes(1500, seed: 9).Select(o => o.Outcome), 1, FittedAt, FitSettings.Default);
        var profile = new EntityProfile(null, "420106", SyntheticCity.Industry, CreditClass.B);
        var history = Scenarios.Fold(
        [
            new RiskEvent(1, SignalKind.Complaint, Scenarios.Now.AddDays(-3), new ComplaintFacts(null)),
            new RiskEvent(2, SignalKind.Credit, Scenarios.Now.AddDays(-30), new CreditFacts(CreditEvent.Penalty)),
        ]);

        var assessment = ShippedSeeds.Model.WithFitted(fitted).AssessEntity(profile, history, [], Scenarios.Now);

        Assert.NotNull(assessment.Probability);
        Assert.Equal(100 * assessment.Probability!.Value, assessment.Score, 9);
        Assert.Equal(assessment.Score, assessment.Reasons.Sum(r => r.Contribution), 9);
        Assert.All(assessment.Reasons, r => Assert.False(string.IsNullOrEmpty(r.Zh) || string.IsNullOrEmpty(r.En)));
        // Another industry has no fit and keeps the seeded noisy-OR.
        Assert.Null(ShippedSeeds.Model.WithFitted(fitted).AssessEntity(profile with { Industry = "pharmacy" }, history, [], Scenarios.Now).Probability);
    }

    private static double Auc(IEnumerable<(ModelOutcome Outcome, double TrueProbability)> outcomes, Func<(ModelOutcome Outcome, double TrueProbability), double> score) =>
        RankingQuality.AreaUnderCurve(outcomes.Select(o => new ScoredOutcome(score(o), o.Outcome.Positive)).ToArray());

    private static double RankCorrelation(double[] a, double[] b)
    {
        var ra = Ranks(a);
        var rb = Ranks(b);
        return MathNet.Numerics.Statistics.Correlation.Pearson(ra, rb);
    }

    private static double[] Ranks(double[] values) => MathNet.Numerics.Statistics.Statistics.Ranks(values);
}
