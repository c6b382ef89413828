namespace RiskEngine.Abstractions;

/// <summary>One contributing factor of a score, in both languages of the wall.</summary>
[GenerateSerializer, Immutable, Alias("reason-view")]
public sealed record ReasonView(
    [property: Id(0)] string Code,
    [property: Id(1)] string Zh,
    [property: Id(2)] string En,
    [property: Id(3)] double Contribution);
