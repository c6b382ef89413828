using RiskEngine.Domain;

namespace RiskEngine.Abstractions;

/// <summary>
/// What a subject tells its district: its current level and score. Idempotent and ordered by
/// <see cref="Version"/> (the subject's last applied log position), so a repeat or a stale report changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("subject-level-report")]
public sealed record SubjectLevelReport(
    [property: Id(0)] string SubjectId,
    [property: Id(1)] SubjectKind Kind,
    [property: Id(2)] string? Name,
    [property: Id(3)] RiskLevel Level,
    [property: Id(4)] double Score,
    [property: Id(5)] long Version,
    [property: Id(6)] DateTimeOffset? IngestedAt,
    [property: Id(7)] ReasonView? TopReason);
