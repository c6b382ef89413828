namespace RiskEngine.Domain;

/// <summary>
/// Combines components as independent causes, score = 100·(1 - Π(1 - wᵢpᵢ)), and splits the score
/// among them in proportion to ln(1 - wᵢpᵢ): each cause's share of the log-survival, which is
/// additive where the probabilities are not, so the contributions add up to the score exactly.
/// </summary>
internal static class NoisyOrCombination
{
    public static RiskAssessment Combine(IReadOnlyList<RiskComponent> components)
    {
        var logSurvivals = new double[components.Count];
        var totalLogSurvival = 0.0;
        for (var i = 0; i < components.Count; i++)
        {
            var effect = Math.Clamp(components[i].Weight * Sanitise(components[i].Probability), 0, ComponentWeights.Max);
            logSurvivals[i] = Math.Log(1 - effect);
            totalLogSurvival += logSurvivals[i];
        }
        if (totalLogSurvival >= 0)
        {
            return new RiskAssessment(0, []);
        }
        var score = Math.Clamp(100 * (1 - Math.Exp(totalLogSurvival)), 0, 100);
        var reasons = new List<RiskReason>(components.Count);
        for (var i = 0; i < components.Count; i++)
        {
            if (logSurvivals[i] < 0)
            {
                var component = components[i];
                reasons.Add(new RiskReason(component.Code, component.Zh, component.En, score * logSurvivals[i] / totalLogSurvival));
            }
        }
        // OrderByDescending is stable, so equal contributions keep the components' fixed order.
        return new RiskAssessment(score, reasons.OrderByDescending(reason => reason.Contribution).ToArray());
    }

    private static double Sanitise(double probability) => double.IsNaN(probability) ? 0 : Math.Clamp(probability, 0, 1);
}
