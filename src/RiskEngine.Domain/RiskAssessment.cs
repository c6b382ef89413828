namespace RiskEngine.Domain;

/// <summary>
/// A score in [0, 100] and the reasons behind it, sorted by contribution (largest first); the
/// contributions add up to the score. A score of 0 has no reasons.
/// </summary>
public sealed record RiskAssessment(double Score, IReadOnlyList<RiskReason> Reasons)
{
    /// <summary>
    /// The calibrated probability of a bad outcome at the subject's next inspection (serious non-compliance, a failed
    /// sample or inspection) when the subject's category scores with fitted parameters; null under the seeded model,
    /// whose score ranks but is not calibrated.
    /// </summary>
    public double? Probability { get; init; }

    /// <summary>The version of the fitted parameters that scored it (0: the seeded model).</summary>
    public int ModelVersion { get; init; }

    /// <summary>The level of this score given the level shown before (see <see cref="RiskLevels.Classify"/>).</summary>
    public RiskLevel Level(RiskLevel? previous, RiskModelParameters parameters) => RiskLevels.Classify(Score, previous, parameters);
}
