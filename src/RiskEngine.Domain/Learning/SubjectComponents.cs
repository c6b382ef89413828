namespace RiskEngine.Domain.Learning;

/// <summary>
/// A subject's components at one moment: its category and each component's effect wᵢ·pᵢ in [0, 0.99], in
/// <see cref="ComponentLayout"/> order. What the seeded noisy-OR and a fitted combination both score.
/// </summary>
public sealed record SubjectComponents(string Category, IReadOnlyList<double> Effects)
{
    /// <summary>The seeded noisy-OR's probability, 1 - Π(1 - effectᵢ) over the components it weighs (not fit-only evidence).</summary>
    public double SeededProbability()
    {
        var layout = ComponentLayout.OfCategory(Category);
        var logSurvival = 0.0;
        for (var i = 0; i < Effects.Count && i < layout.Count; i++)
        {
            if (!ComponentLayout.IsFitOnly(layout[i]))
            {
                logSurvival += Math.Log(1 - Math.Clamp(Effects[i], 0, ComponentWeights.Max));
            }
        }

        return 1 - Math.Exp(logSurvival);
    }
}
