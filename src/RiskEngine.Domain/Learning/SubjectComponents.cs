namespace RiskEngine.Domain.Learning;

/// <summary>
/// A subject's components at one moment: its category and each component's effect wᵢ·pᵢ in [0, 0.99], in
/// <see cref="ComponentLayout"/> order. What the seeded noisy-OR and a fitted combination both score.
/// </summary>
public sealed record SubjectComponents(string Category, IReadOnlyList<double> Effects)
{
    /// <summary>The seeded noisy-OR's probability, 1 - Π(1 - effectᵢ).</summary>
    public double SeededProbability() => NoisyOrProbability(Effects);

    internal static double NoisyOrProbability(IReadOnlyList<double> effects)
    {
        var logSurvival = 0.0;
        foreach (var effect in effects)
        {
            logSurvival += Math.Log(1 - Math.Clamp(effect, 0, ComponentWeights.Max));
        }

        return 1 - Math.Exp(logSurvival);
    }
}
