namespace RiskEngine.Domain.Learning;

/// <summary>Fits every category that has enough outcomes into a new <see cref="FittedModel"/> version.</summary>
public static class ModelRefit
{
    /// <summary>
    /// A fit per category with at least <see cref="FitSettings.MinOutcomes"/> outcomes of both labels, each shrunk toward
    /// its <see cref="SeededPrior"/> (or 0, as <paramref name="settings"/> say); categories are fitted in ordinal order, so the result depends only on the outcomes.
    /// </summary>
    public static FittedModel Fit(IEnumerable<ModelOutcome> outcomes, int version, DateTimeOffset at, FitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(settings);
        var fits = new List<CategoryFit>();
        var total = 0;
        foreach (var group in outcomes.GroupBy(o => o.Category, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var category = group.ToArray();
            if (!Fittable(category, settings))
            {
                continue;
            }

            var prior = settings.ShrinkTowardSeeds
                ? SeededPrior.Implied(group.Key, category)
                : new double[ComponentLayout.OfCategory(group.Key).Count + 1];
            fits.Add(LogisticFit.Fit(group.Key, category, prior, settings));
            total += category.Length;
        }

        return new FittedModel(version, at, total, fits, FittedModel.FitOrigin);
    }

    /// <summary>The plain logistic regression baseline on the same features (no prior, no sign constraints).</summary>
    public static FittedModel PlainLogistic(IEnumerable<ModelOutcome> outcomes, DateTimeOffset at) =>
        Fit(outcomes, 0, at, FitSettings.PlainLogistic);

    private static bool Fittable(IReadOnlyList<ModelOutcome> outcomes, FitSettings settings) =>
        outcomes.Count >= settings.MinOutcomes && outcomes.Any(o => o.Positive) && outcomes.Any(o => !o.Positive);
}
