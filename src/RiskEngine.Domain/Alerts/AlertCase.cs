namespace RiskEngine.Domain.Alerts;

/// <summary>
/// One alert: a (rule, subject) pair and its current cycle. Only one is open per pair at a time; a recurrence adds to it,
/// and a recurrence after it was resolved reopens it as a new cycle. <see cref="Version"/> counts stored changes.
/// </summary>
public sealed record AlertCase(
    string Id,
    string Rule,
    string SubjectId,
    SubjectKind SubjectKind,
    string? SubjectName,
    string District,
    RiskLevel Level,
    AlertState State,
    double Score,
    DateTimeOffset OpenedAt,
    DateTimeOffset LastSeenAt,
    int Occurrences,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? Assignee,
    string? ResolvedBy,
    DateTimeOffset? ResolvedAt,
    int Escalations,
    string? LastNote,
    DateTimeOffset? BelowSince,
    long LastTriggerSeq,
    long Version)
{
    /// <summary>The id of the alert of <paramref name="rule"/> for <paramref name="subjectId"/>: rule ids hold no '.'.</summary>
    public static string IdOf(string rule, string subjectId) => rule + "." + subjectId;
}
