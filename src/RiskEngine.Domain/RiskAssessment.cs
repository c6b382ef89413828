namespace RiskEngine.Domain;

/// <summary>
/// A score in [0, 100] and the reasons behind it, sorted by contribution (largest first); the
/// contributions add up to the score. A score of 0 has no reasons.
/// </summary>
public sealed record RiskAssessment(double Score, IReadOnlyList<RiskReason> Reasons)
{
    /// <summary>The level of this score given the level shown before (see <see cref="RiskLevels.Classify"/>).</summary>
    public RiskLevel Level(RiskLevel? previous, RiskModelParameters parameters) => RiskLevels.Classify(Score, previous, parameters);
}
