namespace RiskEngine.Domain;

/// <summary>Bounds shared by every noisy-OR weight.</summary>
internal static class ComponentWeights
{
    /// <summary>
    /// A weight below 1 keeps every factor 1 - w·p positive, so a score never reaches exactly 100 and the
    /// logarithmic attribution of reasons stays finite.
    /// </summary>
    public const double Max = 0.99;
}
