namespace RiskEngine.Domain.Alerts;

/// <summary>
/// The alert state machine, pure: open → acknowledged → resolved, reopened on recurrence. Each change yields the next
/// case (version + 1) and exactly one audit entry; a refused change names who got there first.
/// </summary>
public static class AlertLifecycle
{
    public const string System = "system";

    /// <summary>A rule fired for the subject: open a new alert, add to the open one, or reopen a resolved one.</summary>
    public static AlertChange Raise(AlertCase? current, AlertTrigger trigger, SubjectKind kind, string subjectId, string? subjectName, string district)
    {
        if (current is null)
        {
            var opened = new AlertCase(
                AlertCase.IdOf(trigger.Rule.Id, subjectId), trigger.Rule.Id, subjectId, kind, subjectName, district,
                trigger.Level, AlertState.Open, trigger.Score, trigger.At, trigger.At, 1,
                null, null, null, null, null, 0, null, null, trigger.Seq, 1);
            return AlertChange.To(opened, new AlertAuditEntry(trigger.At, System, "opened", null, AlertState.Open, trigger.Level, null));
        }

        if (trigger.Seq <= current.LastTriggerSeq)
        {
            // The same log position again (a replay after a crash): already counted.
            return AlertChange.Unchanged;
        }

        var level = current.State == AlertState.Resolved ? trigger.Level : Max(current.Level, trigger.Level);
        if (current.State == AlertState.Resolved)
        {
            var reopened = current with
            {
                State = AlertState.Open, Level = level, Score = trigger.Score, OpenedAt = trigger.At, LastSeenAt = trigger.At,
                Occurrences = current.Occurrences + 1, AcknowledgedBy = null, AcknowledgedAt = null, ResolvedBy = null,
                ResolvedAt = null, Escalations = 0, BelowSince = null, LastTriggerSeq = trigger.Seq, SubjectName = subjectName ?? current.SubjectName,
                District = district, Version = current.Version + 1,
            };
            return AlertChange.To(reopened, new AlertAuditEntry(trigger.At, System, "reopened", AlertState.Resolved, AlertState.Open, level, null));
        }

        var repeated = current with
        {
            Level = level, Score = trigger.Score, LastSeenAt = trigger.At, Occurrences = current.Occurrences + 1, BelowSince = null,
            LastTriggerSeq = trigger.Seq, SubjectName = subjectName ?? current.SubjectName, District = district, Version = current.Version + 1,
        };
        var action = level > current.Level ? "raised" : "repeated";
        return AlertChange.To(repeated, new AlertAuditEntry(trigger.At, System, action, current.State, current.State, level, null));
    }

    /// <summary>The first acknowledgement wins; any later one is refused naming who acknowledged.</summary>
    public static AlertChange Acknowledge(AlertCase current, string actor, string? note, DateTimeOffset now) => current.State switch
    {
        AlertState.Acknowledged => AlertChange.Refused(new AlertRefusal(AlertRefusalReason.AlreadyAcknowledged, current.AcknowledgedBy, current.AcknowledgedAt)),
        AlertState.Resolved => AlertChange.Refused(new AlertRefusal(AlertRefusalReason.AlreadyResolved, current.ResolvedBy, current.ResolvedAt)),
        _ => AlertChange.To(
            current with { State = AlertState.Acknowledged, AcknowledgedBy = actor, AcknowledgedAt = now, LastNote = note ?? current.LastNote, Version = current.Version + 1 },
            new AlertAuditEntry(now, actor, "acknowledged", current.State, AlertState.Acknowledged, current.Level, note)),
    };

    public static AlertChange Resolve(AlertCase current, string actor, string? note, DateTimeOffset now) => current.State switch
    {
        AlertState.Resolved => AlertChange.Refused(new AlertRefusal(AlertRefusalReason.AlreadyResolved, current.ResolvedBy, current.ResolvedAt)),
        _ => AlertChange.To(
            current with { State = AlertState.Resolved, ResolvedBy = actor, ResolvedAt = now, LastNote = note ?? current.LastNote, BelowSince = null, Version = current.Version + 1 },
            new AlertAuditEntry(now, actor, actor == System ? "auto-resolved" : "resolved", current.State, AlertState.Resolved, current.Level, note)),
    };

    public static AlertChange Assign(AlertCase current, string actor, string assignee, string? note, DateTimeOffset now) => current.State switch
    {
        AlertState.Resolved => AlertChange.Refused(new AlertRefusal(AlertRefusalReason.AlreadyResolved, current.ResolvedBy, current.ResolvedAt)),
        _ => AlertChange.To(
            current with { Assignee = assignee, LastNote = note ?? current.LastNote, Version = current.Version + 1 },
            new AlertAuditEntry(now, actor, "assigned to " + assignee, current.State, current.State, current.Level, note)),
    };

    /// <summary>When the next escalation of an unacknowledged alert falls due; null when it cannot escalate.</summary>
    public static DateTimeOffset? NextEscalationAt(AlertCase current, AlertRuleSet rules) =>
        current.State == AlertState.Open && current.Level >= rules.EscalateFrom
            ? current.OpenedAt + (rules.EscalateAfter * (current.Escalations + 1))
            : null;

    /// <summary>Escalates once if an escalation is due at <paramref name="now"/>.</summary>
    public static AlertChange Escalate(AlertCase current, AlertRuleSet rules, DateTimeOffset now)
    {
        if (NextEscalationAt(current, rules) is not { } due || now < due)
        {
            return AlertChange.Unchanged;
        }

        var next = current with { Escalations = current.Escalations + 1, Version = current.Version + 1 };
        return AlertChange.To(next, new AlertAuditEntry(now, System, $"escalated to supervisors ({next.Escalations})", current.State, current.State, current.Level, null));
    }

    /// <summary>
    /// The subject's level now: below the rule's line it starts (or continues) the quiet period, and once that has lasted
    /// the rule's time the alert resolves itself; at or above the line the quiet period is forgotten.
    /// </summary>
    public static AlertChange ObserveSubject(AlertCase current, AlertRule rule, RiskLevel level, DateTimeOffset now)
    {
        if (current.State == AlertState.Resolved)
        {
            return AlertChange.Unchanged;
        }

        if (level >= rule.ResolveBelow)
        {
            return current.BelowSince is null
                ? AlertChange.Unchanged
                : AlertChange.To(current with { BelowSince = null, Version = current.Version + 1 }, new AlertAuditEntry(now, System, "risk back up", current.State, current.State, current.Level, null));
        }

        if (current.BelowSince is not { } since)
        {
            return AlertChange.To(current with { BelowSince = now, Version = current.Version + 1 }, new AlertAuditEntry(now, System, "risk fell below " + rule.ResolveBelow.ToWire(), current.State, current.State, current.Level, null));
        }

        return now - since >= rule.AutoResolveAfter ? Resolve(current, System, null, now) : AlertChange.Unchanged;
    }

    /// <summary>
    /// Whether a check now would change the alert: an escalation due, or the subject's level starting, ending or
    /// completing a quiet period. Lets a watch over many open alerts wake only the few that have something to do.
    /// </summary>
    public static bool IsCheckDue(AlertCase current, AlertRuleSet rules, RiskLevel subjectLevel, DateTimeOffset now) =>
        current.State != AlertState.Resolved
        && (Escalate(current, rules, now).Changed
            || (rules.ById.TryGetValue(current.Rule, out var rule) && ObserveSubject(current, rule, subjectLevel, now).Changed));

    private static RiskLevel Max(RiskLevel a, RiskLevel b) => a > b ? a : b;
}
