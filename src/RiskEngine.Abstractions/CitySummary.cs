namespace RiskEngine.Abstractions;

/// <summary>The whole city: its districts, their sum and the city-wide top list.</summary>
[GenerateSerializer, Immutable, Alias("city-summary")]
public sealed record CitySummary(
    [property: Id(0)] IReadOnlyList<DistrictSummary> Districts,
    [property: Id(1)] LevelCounts Counts,
    [property: Id(2)] IReadOnlyList<RankedSubject> Top);
