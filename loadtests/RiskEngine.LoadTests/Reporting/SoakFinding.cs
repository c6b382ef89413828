namespace RiskEngine.LoadTests.Reporting;

/// <summary>One figure of a soak, early against late: whether it stayed within its bound.</summary>
/// <param name="What">The figure, with its unit.</param>
/// <param name="Early">Its median over the first window after the warm-up.</param>
/// <param name="Late">Its median over the last window.</param>
/// <param name="PerHour">Its least-squares trend per hour after the warm-up, where a trend means something (memory); null otherwise.</param>
/// <param name="Bound">What "flat" allows, in words.</param>
/// <param name="Holds">Whether the late window stayed within the bound.</param>
public sealed record SoakFinding(string What, double Early, double Late, double? PerHour, string Bound, bool Holds);
