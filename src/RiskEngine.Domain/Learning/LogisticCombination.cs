namespace RiskEngine.Domain.Learning;

/// <summary>
/// Scores components with a fitted category: the score is 100 × the calibrated probability of a bad outcome, and each
/// component's reason carries the part of the score in proportion to βᵢ·(logit(effectᵢ) - logit(floor)), what it adds
/// to the log-odds over a silent component, so the contributions add up to the score as the seeded ones do.
/// </summary>
internal static class LogisticCombination
{
    public static RiskAssessment Combine(IReadOnlyList<RiskComponent> components, CategoryFit fit)
    {
        var effects = Effects(components);
        var probability = fit.Probability(effects);
        var score = Math.Clamp(100 * probability, 0, 100);
        var shares = new double[components.Count];
        var total = 0.0;
        for (var i = 0; i < components.Count && i < fit.Coefficients.Count; i++)
        {
            shares[i] = fit.Coefficients[i] * LogOddsFeatures.Of(effects[i]);
            total += Math.Max(0, shares[i]);
        }

        var reasons = new List<RiskReason>(components.Count);
        for (var i = 0; i < components.Count; i++)
        {
            if (total > 0 && shares[i] > 0 && components[i].Zh.Length > 0)
            {
                reasons.Add(new RiskReason(components[i].Code, components[i].Zh, components[i].En, score * shares[i] / total));
            }
        }

        return new RiskAssessment(score, reasons.OrderByDescending(reason => reason.Contribution).ToArray()) { Probability = probability };
    }

    /// <summary>Each component's effect wᵢ·pᵢ, bounded as the noisy-OR bounds it (fit-only evidence: pᵢ).</summary>
    public static double[] Effects(IReadOnlyList<RiskComponent> components)
    {
        var effects = new double[components.Count];
        for (var i = 0; i < components.Count; i++)
        {
            var probability = components[i].Probability;
            var bounded = double.IsNaN(probability) ? 0 : Math.Clamp(probability, 0, 1);
            effects[i] = Math.Clamp(components[i].FitOnly ? bounded : components[i].Weight * bounded, 0, ComponentWeights.Max);
        }

        return effects;
    }
}
