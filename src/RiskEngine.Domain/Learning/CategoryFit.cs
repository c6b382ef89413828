namespace RiskEngine.Domain.Learning;

/// <summary>
/// A fitted combination for one category: P(bad outcome) = σ(intercept + Σ βᵢ·xᵢ), xᵢ the log-odds of effectᵢ above
/// a silent component's (<see cref="LogOddsFeatures"/>), with βᵢ &gt;= 0 for every
/// component (each component is a probability of something bad: more of it never lowers risk).
/// </summary>
/// <param name="Category">See <see cref="ModelCategory"/>.</param>
/// <param name="Intercept">The log-odds of a bad outcome when every component is silent.</param>
/// <param name="Coefficients">One per component of <see cref="ComponentLayout"/>.</param>
/// <param name="Outcomes">Outcomes it was fitted on.</param>
/// <param name="Positives">Of which bad.</param>
public sealed record CategoryFit(string Category, double Intercept, IReadOnlyList<double> Coefficients, int Outcomes, int Positives)
{
    /// <summary>The calibrated probability of a bad outcome for these effects.</summary>
    public double Probability(IReadOnlyList<double> effects) => LogOddsFeatures.Logistic(LogOdds(effects));

    public double LogOdds(IReadOnlyList<double> effects)
    {
        var logOdds = Intercept;
        for (var i = 0; i < Coefficients.Count && i < effects.Count; i++)
        {
            logOdds += Coefficients[i] * LogOddsFeatures.Of(effects[i]);
        }

        return logOdds;
    }

    public bool Equals(CategoryFit? other) =>
        other is not null && Category == other.Category && Intercept.Equals(other.Intercept)
        && Coefficients.SequenceEqual(other.Coefficients) && Outcomes == other.Outcomes && Positives == other.Positives;

    public override int GetHashCode() => HashCode.Combine(Category, Intercept, Coefficients.Count, Outcomes, Positives);
}
