using RiskEngine.Abstractions;
using RiskEngine.Domain;

namespace RiskEngine.Grains.Aggregates;

/// <summary>A subject above blue as its district remembers it.</summary>
[GenerateSerializer, Immutable, Alias("district-entry")]
public sealed record DistrictEntry(
    [property: Id(0)] SubjectKind Kind,
    [property: Id(1)] string? Name,
    [property: Id(2)] RiskLevel Level,
    [property: Id(3)] double Score,
    [property: Id(4)] long Version,
    [property: Id(5)] ReasonView? TopReason);
