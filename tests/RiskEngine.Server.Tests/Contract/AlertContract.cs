namespace RiskEngine.Server.Tests.Contract;

/// <summary>An alert as the v1 contract returns it.</summary>
public sealed record AlertAnswer(
    string Id,
    string Rule,
    string RuleZh,
    string RuleEn,
    string SubjectId,
    string SubjectKind,
    string? SubjectName,
    string District,
    string Level,
    string State,
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
    string? LastNote);

public sealed record AlertList(IReadOnlyList<AlertAnswer> Items);

public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string? FromState, string ToState, string Level, string? Note);

public sealed record AuditAnswer(string AlertId, IReadOnlyList<AuditEntry> Items);

/// <summary>A 409's problem: who got there first.</summary>
public sealed record AcknowledgeConflict(string Title, int Status, string Detail, string? AcknowledgedBy);

public sealed record BulkItem(string Id, int Status, AlertAnswer? Alert, string? Error);

public sealed record BulkAnswer(IReadOnlyList<BulkItem> Results);
