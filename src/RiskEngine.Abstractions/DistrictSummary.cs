namespace RiskEngine.Abstractions;

/// <summary>A district at a glance: subjects per level and its highest-risk subjects.</summary>
[GenerateSerializer, Immutable, Alias("district-summary")]
public sealed record DistrictSummary(
    [property: Id(0)] string Code,
    [property: Id(1)] LevelCounts Counts,
    [property: Id(2)] IReadOnlyList<RankedSubject> Top,
    [property: Id(3)] DateTimeOffset? MaxIngestedAt);
