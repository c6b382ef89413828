namespace RiskEngine.Domain.Learning;

/// <summary>How one set of parameters did on a backtest's evaluation outcomes.</summary>
/// <param name="Name">"seeded", "fitted" or "logistic".</param>
/// <param name="Quality">AUC, top-k recall, calibration.</param>
/// <param name="MeanDaysEarlier">
/// How many days earlier, on average, the bad outcomes would have been found had the same inspections been made in the
/// order of this ranking (the period's real inspection dates handed out in rank order); negative: later.
/// </param>
public sealed record BacktestResult(string Name, RankingQuality Quality, double MeanDaysEarlier);

/// <summary>A backtest's answer: the split it used and each set of parameters' results on the later part.</summary>
public sealed record BacktestReport(DateTimeOffset SplitAt, int TrainingOutcomes, int EvaluationOutcomes, FittedModel Fitted, FittedModel PlainLogistic, IReadOnlyList<BacktestResult> Results)
{
    /// <summary>The live engine's scores beside the replay's seeded ones, when the backtest also ran a real engine.</summary>
    public LiveEngineCheck? LiveEngine { get; init; }

    /// <summary>Adds the live engine's scores (0-1, by subject and outcome date) as the "engine" result and their agreement with the replay.</summary>
    public BacktestReport WithLiveEngine(IReadOnlyList<ModelOutcome> outcomes, IReadOnlyDictionary<LabelledDate, double> liveScores)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(liveScores);
        var read = outcomes
            .Select(o => (Outcome: o, Live: liveScores.TryGetValue(new LabelledDate(o.SubjectId, o.OccurredAt, o.Positive), out var score) ? score : (double?)null))
            .Where(o => o.Live is not null)
            .ToArray();
        var evaluated = read.Where(o => o.Outcome.OccurredAt >= SplitAt).Select(o => (o.Outcome, Score: o.Live!.Value)).ToArray();
        var difference = read.Length == 0 ? double.NaN : read.Max(o => Math.Abs(o.Live!.Value - o.Outcome.Components.SeededProbability()));
        return this with
        {
            Results = [.. Results, Backtest.Judge("engine", evaluated)],
            LiveEngine = new LiveEngineCheck(read.Length, 100 * difference),
        };
    }
}

/// <summary>How many outcomes a real engine scored live, and the largest gap (in score points, 0-100) from the replay's seeded score.</summary>
public sealed record LiveEngineCheck(int Outcomes, double MaxScoreDifference);

/// <summary>
/// Judges the seeded, the fitted and a plain logistic regression's parameters on the same outcomes with a time split:
/// fits use only the outcomes before <see cref="BacktestReport.SplitAt"/> (the first part of the timeline), and all
/// three are scored on the outcomes from it on, none of which any fit has seen.
/// </summary>
public static class Backtest
{
    public static BacktestReport Run(IReadOnlyList<ModelOutcome> outcomes, double trainingShare, FitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count < 2 || trainingShare is <= 0 or >= 1)
        {
            throw new ArgumentException("a backtest needs at least two outcomes and a training share strictly between 0 and 1");
        }

        var ordered = outcomes.OrderBy(o => o, ModelOutcome.CanonicalOrder).ToArray();
        var splitAt = ordered[Math.Clamp((int)(ordered.Length * trainingShare), 1, ordered.Length - 1)].OccurredAt;
        var training = ordered.Where(o => o.OccurredAt < splitAt).ToArray();
        var evaluation = ordered.Where(o => o.OccurredAt >= splitAt).ToArray();
        var fitted = ModelRefit.Fit(training, 1, splitAt, settings);
        var plain = ModelRefit.PlainLogistic(training, splitAt);
        return new BacktestReport(splitAt, training.Length, evaluation.Length, fitted, plain,
        [
            Judge("seeded", evaluation, o => o.Components.SeededProbability()),
            Judge("fitted", evaluation, fitted.ProbabilityOf),
            Judge("logistic", evaluation, plain.ProbabilityOf),
        ]);
    }

    /// <summary>
    /// The bad outcomes' mean advance had the period's inspections followed the ranking: the real dates, earliest first,
    /// go to the outcomes in descending score (ties in date order), and each bad one gains its real date less its new one.
    /// </summary>
    public static double MeanDaysEarlier(IReadOnlyList<(ModelOutcome Outcome, double Score)> scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var dates = scored.Select(s => s.Outcome.OccurredAt).Order().ToArray();
        var ranked = scored.OrderByDescending(s => s.Score).ThenBy(s => s.Outcome, ModelOutcome.CanonicalOrder).ToArray();
        var gained = new List<double>();
        for (var i = 0; i < ranked.Length; i++)
        {
            if (ranked[i].Outcome.Positive)
            {
                gained.Add((ranked[i].Outcome.OccurredAt - dates[i]).TotalDays);
            }
        }

        return gained.Count == 0 ? double.NaN : gained.Average();
    }

    private static BacktestResult Judge(string name, IReadOnlyList<ModelOutcome> outcomes, Func<ModelOutcome, double> probability) =>
        Judge(name, outcomes.Select(o => (Outcome: o, Score: probability(o))).ToArray());

    internal static BacktestResult Judge(string name, IReadOnlyList<(ModelOutcome Outcome, double Score)> scored)
    {
        return new BacktestResult(
            name,
            RankingQuality.Of(scored.Select(s => new ScoredOutcome(s.Score, s.Outcome.Positive)).ToArray()),
            MeanDaysEarlier(scored));
    }
}
