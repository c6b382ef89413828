namespace RiskEngine.Domain.Learning;

/// <summary>
/// A version of the fitted parameters: one <see cref="CategoryFit"/> per category that had enough outcomes. Version 0
/// is the seeded model (no fits); every fit or rollback makes a new version, so a subject's snapshot can name the
/// version it was scored with.
/// </summary>
/// <param name="Version">Rises by one with every fit or rollback.</param>
/// <param name="FittedAt">When it was made.</param>
/// <param name="Outcomes">Outcomes it was fitted on, over all categories.</param>
/// <param name="Categories">The fitted categories; every other category scores with the seeded noisy-OR.</param>
/// <param name="Origin">"seed", "fit" or "rollback:N" (a copy of version N's parameters).</param>
public sealed record FittedModel(int Version, DateTimeOffset FittedAt, int Outcomes, IReadOnlyList<CategoryFit> Categories, string Origin)
{
    public const string SeedOrigin = "seed";
    public const string FitOrigin = "fit";
    public const string RollbackOriginPrefix = "rollback:";

    private Dictionary<string, CategoryFit>? byCategory;

    /// <summary>The seeded model: nothing fitted.</summary>
    public static FittedModel Seeded { get; } = new(0, DateTimeOffset.UnixEpoch, 0, [], SeedOrigin);

    public CategoryFit? Find(string category)
    {
        byCategory ??= Categories.ToDictionary(fit => fit.Category, StringComparer.Ordinal);
        return byCategory.GetValueOrDefault(category);
    }

    /// <summary>The probability this version gives an outcome's components: fitted where its category is, else the seeded noisy-OR.</summary>
    public double ProbabilityOf(ModelOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Find(outcome.Category) is { } fit ? fit.Probability(outcome.Components.Effects) : outcome.Components.SeededProbability();
    }

    /// <summary>A new version carrying <paramref name="restored"/>'s parameters: what a rollback stores.</summary>
    public static FittedModel RollbackTo(FittedModel restored, int newVersion, DateTimeOffset at) =>
        restored with { Version = newVersion, FittedAt = at, Origin = RollbackOriginPrefix + restored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), byCategory = null };

    public bool Equals(FittedModel? other) =>
        other is not null && Version == other.Version && FittedAt == other.FittedAt && Outcomes == other.Outcomes
        && Origin == other.Origin && Categories.SequenceEqual(other.Categories);

    public override int GetHashCode() => HashCode.Combine(Version, FittedAt, Outcomes, Origin);
}
