namespace RiskEngine.Domain.Learning;

/// <summary>How a category's combination is fitted.</summary>
/// <param name="PriorStrength">
/// How many outcomes the prior weighs as: each coefficient's L2 penalty is λ·¼·E[xᵢ²] (the curvature that many outcomes
/// at p = ½ would give it, in the feature's own scale), so with n outcomes the data weighs about n against λ whatever the
/// features' spread; a category with a few dozen outcomes stays near the seeded combination.
/// </param>
/// <param name="ShrinkTowardSeeds">Shrink toward the seeded combination's implied coefficients (<see cref="SeededPrior"/>); otherwise toward 0.</param>
/// <param name="SignConstrained">Keep every component's coefficient at or above 0 (bad news never lowers risk).</param>
/// <param name="MinOutcomes">Fewer outcomes than this (or none of one label) and the category keeps the seeded combination.</param>
/// <param name="MaxIterations">Newton steps at most.</param>
/// <param name="Tolerance">Stop once no coefficient moves more than this.</param>
public sealed record FitSettings(double PriorStrength, bool ShrinkTowardSeeds, bool SignConstrained, int MinOutcomes, int MaxIterations = 100, double Tolerance = 1e-9)
{
    /// <summary>The engine's fit: shrunk toward the seeded combination, signs kept.</summary>
    public static FitSettings Default { get; } = new(PriorStrength: 50, ShrinkTowardSeeds: true, SignConstrained: true, MinOutcomes: 30);

    /// <summary>
    /// A plain logistic regression on the same features, the baseline a fit is judged beside: no sign constraints and no
    /// prior but a vanishing ridge toward 0 that keeps separable data finite.
    /// </summary>
    public static FitSettings PlainLogistic { get; } = new(PriorStrength: 1e-3, ShrinkTowardSeeds: false, SignConstrained: false, MinOutcomes: 2);
}
