using RiskEngine.Domain;
using RiskEngine.Domain.Alerts;

namespace RiskEngine.Abstractions;

/// <summary>An alert as officers and the wall see it.</summary>
[GenerateSerializer, Immutable, Alias("alert-view")]
public sealed record AlertView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Rule,
    [property: Id(2)] string SubjectId,
    [property: Id(3)] SubjectKind SubjectKind,
    [property: Id(4)] string? SubjectName,
    [property: Id(5)] string District,
    [property: Id(6)] RiskLevel Level,
    [property: Id(7)] AlertState State,
    [property: Id(8)] double Score,
    [property: Id(9)] DateTimeOffset OpenedAt,
    [property: Id(10)] DateTimeOffset LastSeenAt,
    [property: Id(11)] int Occurrences,
    [property: Id(12)] string? AcknowledgedBy,
    [property: Id(13)] DateTimeOffset? AcknowledgedAt,
    [property: Id(14)] string? Assignee,
    [property: Id(15)] string? ResolvedBy,
    [property: Id(16)] DateTimeOffset? ResolvedAt,
    [property: Id(17)] int Escalations,
    [property: Id(18)] string? LastNote)
{
    public static AlertView From(AlertCase alert) => new(
        alert.Id, alert.Rule, alert.SubjectId, alert.SubjectKind, alert.SubjectName, alert.District, alert.Level, alert.State,
        alert.Score, alert.OpenedAt, alert.LastSeenAt, alert.Occurrences, alert.AcknowledgedBy, alert.AcknowledgedAt,
        alert.Assignee, alert.ResolvedBy, alert.ResolvedAt, alert.Escalations, alert.LastNote);
}
