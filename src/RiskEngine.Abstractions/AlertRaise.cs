using RiskEngine.Domain;

namespace RiskEngine.Abstractions;

/// <summary>A subject telling an alert that its rule fired, caused by log position <see cref="Seq"/>.</summary>
[GenerateSerializer, Immutable, Alias("alert-raise")]
public sealed record AlertRaise(
    [property: Id(0)] string Rule,
    [property: Id(1)] long Seq,
    [property: Id(2)] RiskLevel Level,
    [property: Id(3)] double Score,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] SubjectKind SubjectKind,
    [property: Id(6)] string SubjectId,
    [property: Id(7)] string? SubjectName,
    [property: Id(8)] string District);
