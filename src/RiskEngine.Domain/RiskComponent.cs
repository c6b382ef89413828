namespace RiskEngine.Domain;

/// <summary>
/// One component of a score before combination: its noisy-OR weight, its probability in [0, 1] and
/// the reason text that explains it.
/// </summary>
internal readonly record struct RiskComponent(string Code, double Weight, double Probability, string Zh, string En)
{
    /// <summary>
    /// Evidence the seeded noisy-OR leaves out (its weight is 0) but a fitted combination may weigh: its feature is the
    /// probability itself, not weight × probability.
    /// </summary>
    public bool FitOnly { get; init; }

    /// <summary>A component with nothing to say (probability 0): it neither scores nor shows as a reason.</summary>
    public static RiskComponent Silent(string code) => new(code, 0, 0, string.Empty, string.Empty);
}
