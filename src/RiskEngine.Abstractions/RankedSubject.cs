using RiskEngine.Domain;

namespace RiskEngine.Abstractions;

/// <summary>A subject in a district's or the city's top list.</summary>
[GenerateSerializer, Immutable, Alias("ranked-subject")]
public sealed record RankedSubject(
    [property: Id(0)] string Id,
    [property: Id(1)] SubjectKind Kind,
    [property: Id(2)] string? Name,
    [property: Id(3)] string District,
    [property: Id(4)] double Score,
    [property: Id(5)] RiskLevel Level,
    [property: Id(6)] ReasonView? TopReason);
