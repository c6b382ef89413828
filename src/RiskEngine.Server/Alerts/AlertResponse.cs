using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Domain.Alerts;

namespace RiskEngine.Server.Alerts;

/// <summary>An alert on the wire (REST and the hub's <c>alert</c> event).</summary>
public sealed record AlertResponse(
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
    string? LastNote)
{
    public static AlertResponse From(AlertView alert, AlertRuleSet rules)
    {
        rules.ById.TryGetValue(alert.Rule, out var rule);
        return new AlertResponse(
            alert.Id, alert.Rule, rule?.Zh ?? alert.Rule, rule?.En ?? alert.Rule, alert.SubjectId,
            alert.SubjectKind == RiskEngine.Domain.SubjectKind.Entity ? "entity" : "equipment", alert.SubjectName, alert.District,
            alert.Level.ToWire(), alert.State.ToWire(), alert.Score, alert.OpenedAt, alert.LastSeenAt, alert.Occurrences,
            alert.AcknowledgedBy, alert.AcknowledgedAt, alert.Assignee, alert.ResolvedBy, alert.ResolvedAt, alert.Escalations, alert.LastNote);
    }

    public static AlertResponse From(AlertCase alert, AlertRuleSet rules) => From(AlertView.From(alert), rules);
}
